using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Paas.Core.Builds.AppJson;
using Paas.Core.Checks;
using Paas.Core.Containers;
using Paas.Core.Deploys;
using Paas.Core.Routing;
using Paas.Core.State;
using Paas.Engine.Operations;

namespace Paas.Engine.Checks.Running;

/// <summary>
/// Runs app.json's <c>liveness</c> and <c>readiness</c> checks on the running containers of each app's
/// serving release, after the deploy (its startup checks gate the deploy itself). Each check probes every
/// <c>wait</c> seconds (first after <c>initialDelay</c> from the container's start), each probe within
/// <c>timeout</c>; <c>attempts</c> failures in a row fail it, one pass clears it. A failing readiness
/// check takes the container out of the routes (its row's <c>not_ready_since</c>, kept across paasd restarts:
/// <see cref="CheckOutcomeRecorder"/>) until it passes again;
/// a failing liveness check kills the container (SIGKILL), which the scheduler records as a failed exit
/// and restarts under the restart policy, with its backoff. Uptime checks mean nothing for a running
/// container and are not probed. Types under checks:skip or checks:disable are not checked, from the moment the
/// setting changes: the app_settings row's notification makes the targets be read again, and the checks that no longer
/// apply stop with their probes under way (<see cref="RunningCheckState.Stop"/>).
/// </summary>
public sealed partial class RunningCheckMonitor(
    StateOperation op,
    IContainerRuntime runtime,
    CheckOutcomeRecorder outcomes,
    EngineSettings settings,
    TimeProvider time,
    ILogger<RunningCheckMonitor> logger)
{
    /// <summary>How often due probes are started: the finest period a check gets.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    /// <summary>The targets are read again on every state change, and at least this often.</summary>
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private readonly Dictionary<(string ContainerId, int Index), RunningCheckState> _states = [];
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<(long AppId, int Version), IReadOnlyDictionary<string, IReadOnlyList<HealthCheck>>> _declared = new();
    private IReadOnlyList<RunningCheckTarget> _targets = [];
    private int _dirty = 1;

    public async Task RunAsync(IStateChanges changes, CancellationToken ct)
    {
        var listening = Task.Run(async () =>
        {
            await foreach (var _ in changes.ListenAsync(ct)) Volatile.Write(ref _dirty, 1);
        }, ct);
        using var http = new HttpProbe();
        using var timer = new PeriodicTimer(Tick, time);
        var refreshed = DateTimeOffset.MinValue;
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var now = time.GetUtcNow();
                if (Interlocked.Exchange(ref _dirty, 0) == 1 || now - refreshed >= Refresh)
                {
                    if (await TryRefreshAsync(ct)) refreshed = now;
                    else Volatile.Write(ref _dirty, 1);
                }
                foreach (var (target, state) in Due(now))
                    _ = ProbeAsync(target, state, http, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        try { await listening; }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    private async Task<bool> TryRefreshAsync(CancellationToken ct)
    {
        try
        {
            var targets = await op.ReadAsync(s => ReadTargetsAsync(s, ct), ct);
            var dropped = new List<RunningCheckState>();
            lock (_gate)
            {
                _targets = targets;
                var live = targets.Select(t => t.Target.ContainerId).ToHashSet(StringComparer.Ordinal);
                foreach (var key in _states.Keys.Where(k => !live.Contains(k.ContainerId)).ToList())
                {
                    dropped.Add(_states[key]);
                    _states.Remove(key);
                }
                foreach (var target in targets)
                    for (var i = 0; i < target.Checks.Count; i++)
                        if (!_states.ContainsKey((target.Target.ContainerId, i)))
                            _states[(target.Target.ContainerId, i)] = new RunningCheckState(target.Checks[i], i, FirstProbe(target.Target, target.Checks[i]));
            }
            // Checks that no longer apply (checks:disable/skip, a new release, the container gone) stop at once, probes under
            // way included: a check command still running is killed rather than left to its timeout, and whatever it
            // would have said is not recorded. Outside the lock: cancelling runs the probes' callbacks.
            foreach (var state in dropped) state.Stop();
            if (dropped.Any(s => s.InFlight)) LogProbesCancelled(logger, dropped.Count(s => s.InFlight));
            // A container that lost its readiness checks (app.json, checks:skip) is no longer held out of the routes by them.
            // One that stays checked keeps its last known readiness, after a paasd restart too, until its next result.
            var checkedReadiness = targets.Where(t => t.Checks.Any(c => c.Type == HealthCheckType.Readiness)).Select(t => t.Target.ContainerId).ToList();
            if (await op.RunAsync(s => s.Instances.ClearNotReadyExceptAsync(checkedReadiness, ct), ct)) LogChecksGone(logger);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogRefreshFailed(logger, e);
            return false;
        }
    }

    private async Task<IReadOnlyList<RunningCheckTarget>> ReadTargetsAsync(IStateSession s, CancellationToken ct)
    {
        var instances = (await s.Instances.ListAllAsync(ct)).ToLookup(i => i.AppId);
        var targets = new List<RunningCheckTarget>();
        var serving = new HashSet<(long, int)>();
        foreach (var app in await s.Apps.ListAsync(ct))
        {
            if (app.Stopped || app.ServingRelease is not { } version) continue;
            serving.Add((app.Id, version));
            // Releases never change: each one's app.json is read and parsed once.
            if (!_declared.TryGetValue((app.Id, version), out var declared))
            {
                declared = AppJsonParser.Parse((await s.Releases.FindAsync(app.Id, version, ct))?.AppJson).Healthchecks;
                _declared[(app.Id, version)] = declared;
            }
            if (!declared.Values.Any(checks => checks.Any(IsRunningCheck))) continue;
            var checkSettings = await CheckSettings.LoadAsync(s.AppSettings, s.Settings, app.Id, ct);
            var port = (await s.Ports.ListAsync(app.Id, ct)).FirstOrDefault(p => p.Scheme is "http")?.ContainerPort ?? PortMapping.Default.ContainerPort;
            foreach (var instance in instances[app.Id])
            {
                if (instance.ReleaseVersion != version || instance.State != InstanceState.Running || instance.ContainerId is not { } id
                    || !IPAddress.TryParse(instance.Address, out var address)) continue;
                if (checkSettings.Disabled.Contains(instance.ProcessType) || checkSettings.Skipped.Contains(instance.ProcessType)) continue;
                var checks = (declared.GetValueOrDefault(instance.ProcessType) ?? []).Where(IsRunningCheck).ToList();
                if (checks.Count == 0) continue;
                var target = new CheckTarget(id, instance.Dyno, address, port, $"{app.Name}.{settings.PlatformDomain}", Https: false,
                    instance.StartedAt ?? time.GetUtcNow());
                targets.Add(new RunningCheckTarget(app.Id, app.Name, target, checks));
            }
        }
        foreach (var key in _declared.Keys.Where(k => !serving.Contains(k)).ToList()) _declared.TryRemove(key, out _);
        return targets;
    }

    private static bool IsRunningCheck(HealthCheck check) =>
        check.Type is HealthCheckType.Liveness or HealthCheckType.Readiness && check.Probe != HealthCheckProbe.Uptime;

    private DateTimeOffset FirstProbe(CheckTarget target, HealthCheck check)
    {
        var first = target.StartedAt + check.InitialDelay;
        var now = time.GetUtcNow();
        return first > now ? first : now;
    }

    private List<(RunningCheckTarget Target, RunningCheckState State)> Due(DateTimeOffset now)
    {
        var due = new List<(RunningCheckTarget, RunningCheckState)>();
        lock (_gate)
        {
            foreach (var target in _targets)
                for (var i = 0; i < target.Checks.Count; i++)
                {
                    if (!_states.TryGetValue((target.Target.ContainerId, i), out var state) || state.InFlight || state.Acted || state.NextProbe > now) continue;
                    state.InFlight = true;
                    due.Add((target, state));
                }
        }
        return due;
    }

    private async Task ProbeAsync(RunningCheckTarget target, RunningCheckState state, HttpProbe http, CancellationToken ct)
    {
        using var probing = CancellationTokenSource.CreateLinkedTokenSource(ct, state.Stopped);
        try
        {
            var check = state.Check;
            var result = check.Probe switch
            {
                HealthCheckProbe.Http => await http.TryAsync(check, target.Target, probing.Token),
                HealthCheckProbe.Listening => await ListeningProbe.TryAsync(check, target.Target, probing.Token),
                _ => await CommandProbe.TryAsync(runtime, check, target.Target, probing.Token),
            };
            int failures;
            bool? reported;
            lock (_gate)
            {
                // Stopped while it ran (the probe may have ended before it noticed): the outcome no longer counts.
                if (state.Stopped.IsCancellationRequested) return;
                state.Failures = result.Ok ? 0 : state.Failures + 1;
                failures = state.Failures;
                reported = state.Reported;
                state.NextProbe = time.GetUtcNow() + check.Wait;
            }
            if (result.Ok)
            {
                // Recorded once per container and check, then only when it changes: a passing check writes nothing.
                if (reported == true) return;
                await outcomes.PassedAsync(target, check, state.Index, wasFailing: reported == false, ct);
                lock (_gate) state.Reported = true;
                return;
            }
            if (failures < check.Attempts || reported == false) return;
            if (check.Type == HealthCheckType.Readiness)
            {
                await outcomes.FailedAsync(target, check, state.Index, failures, result.Reason, ct);
                lock (_gate) state.Reported = false;
                return;
            }
            lock (_gate) state.Acted = true;
            try
            {
                await outcomes.FailedAsync(target, check, state.Index, failures, result.Reason, ct);
            }
            finally
            {
                // Killed even when the outcome could not be recorded (PostgreSQL down): the check failed all the same.
                // Not when checks:disable/skip came meanwhile: from then on the check does not kill.
                if (!state.Stopped.IsCancellationRequested) await KillAsync(target.Target.ContainerId, ct);
            }
        }
        catch (OperationCanceledException) when (state.Stopped.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The check no longer applies: nothing to record.
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogProbeFailed(logger, target.App, target.Target.Dyno, e);
        }
        finally
        {
            lock (_gate) state.InFlight = false;
        }
    }

    private const int SigKill = 9;

    private async Task KillAsync(string containerId, CancellationToken ct)
    {
        try
        {
            await runtime.KillAsync(containerId, SigKill, ct);
        }
        catch (ContainerException)
        {
            // Gone or stopped meanwhile: the scheduler deals with its exit either way.
        }
    }

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "app {App}: a check of {Dyno} could not run")]
    private static partial void LogProbeFailed(ILogger logger, string app, string dyno, Exception e);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "liveness/readiness checks: could not read the running containers; retrying")]
    private static partial void LogRefreshFailed(ILogger logger, Exception e);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "liveness/readiness checks: instances whose readiness checks no longer apply are back in the routes")]
    private static partial void LogChecksGone(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "liveness/readiness checks: {Count} probe(s) under way stopped, their checks no longer apply")]
    private static partial void LogProbesCancelled(ILogger logger, int count);
}
