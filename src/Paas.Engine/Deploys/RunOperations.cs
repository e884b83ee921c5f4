using System.Globalization;
using System.Text;
using Paas.Core.Auth;
using Paas.Core.Builds;
using Paas.Core.Config;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Deploys;
using Paas.Core.Errors;
using Paas.Core.Formation;
using Paas.Engine.Operations;
using Paas.Engine.Storage;

namespace Paas.Engine.Deploys;

/// <summary>
/// `run` (a one-off container of the serving release, its output streamed, its exit code returned;
/// the caller going away kills it) and `enter` (a command in a running instance), each either with its
/// output as lines (<see cref="IContainerOutput"/>) or attached to an interactive session (stdin, a
/// terminal: <see cref="PrepareRunAsync"/>, <see cref="PrepareEnterAsync"/>). The audit log names the
/// program only: arguments may hold secrets.
/// </summary>
public sealed class RunOperations(StateOperation op, IContainerRuntime runtime, AppStorage storage)
{
    public const int MaxArguments = 256;
    public const int MaxCommandBytes = 128 * 1024;
    public const int TimedOutExitCode = 124;
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromDays(1);
    public static readonly TimeSpan EnterTimeout = TimeSpan.FromHours(1);

    /// <summary>What `enter APP DYNO` runs without a command, on a terminal: bash where the image has it, else sh.</summary>
    public static readonly IReadOnlyList<string> DefaultShell = ["/bin/sh", "-c", "command -v bash >/dev/null 2>&1 && exec bash || exec sh"];

    public async Task<int> RunAsync(Actor actor, string app, RunRequest request, IContainerOutput output, CancellationToken ct)
    {
        var (spec, ttl) = await PrepareRunSpecAsync(actor, app, request, ct);
        try
        {
            var exit = await runtime.RunAttachedAsync(spec, output, ttl, ct);
            return exit.ExitCode ?? 1;
        }
        catch (TimeoutException)
        {
            await output.WriteLineAsync(LogStream.Stderr, TtlMessage(ttl), ct);
            return TimedOutExitCode;
        }
    }

    /// <summary>Checks and audits a run now; the container starts when the returned command is attached to a session.</summary>
    public async Task<PreparedCommand> PrepareRunAsync(Actor actor, string app, RunRequest request, CancellationToken ct)
    {
        var (spec, ttl) = await PrepareRunSpecAsync(actor, app, request, ct);
        return new PreparedCommand(async (session, token) =>
        {
            try
            {
                var exit = await runtime.RunInteractiveAsync(spec, session, ttl, token);
                return exit.ExitCode ?? 1;
            }
            catch (TimeoutException)
            {
                await session.WriteAsync(LogStream.Stderr, Encoding.UTF8.GetBytes("\r\n" + TtlMessage(ttl) + "\r\n"), token);
                return TimedOutExitCode;
            }
        });
    }

    public async Task<int> EnterAsync(Actor actor, string app, EnterRequest request, IContainerOutput output, CancellationToken ct)
    {
        var (containerId, argv) = await PrepareEnterArgvAsync(actor, app, request, defaultCommand: null, ct);
        var session = new LineOutputSession(output);
        try
        {
            var code = await runtime.ExecInteractiveAsync(containerId, argv, session, EnterTimeout, ct);
            await session.FlushAsync(ct);
            return code;
        }
        catch (TimeoutException)
        {
            await session.FlushAsync(ct);
            await output.WriteLineAsync(LogStream.Stderr, $"enter: stopped after {EnterTimeout.TotalMinutes:0} minutes", ct);
            return TimedOutExitCode;
        }
    }

    /// <summary>
    /// Checks and audits an enter now; the command starts when the returned one is attached to a session.
    /// With a terminal and no command, a shell (<see cref="DefaultShell"/>).
    /// </summary>
    public async Task<PreparedCommand> PrepareEnterAsync(Actor actor, string app, EnterRequest request, bool terminal, CancellationToken ct)
    {
        var (containerId, argv) = await PrepareEnterArgvAsync(actor, app, request, terminal ? DefaultShell : null, ct);
        return new PreparedCommand(async (session, token) =>
        {
            try
            {
                return await runtime.ExecInteractiveAsync(containerId, argv, session, EnterTimeout, token);
            }
            catch (TimeoutException)
            {
                await session.WriteAsync(LogStream.Stderr, Encoding.UTF8.GetBytes($"\r\nenter: stopped after {EnterTimeout.TotalMinutes:0} minutes\r\n"), token);
                return TimedOutExitCode;
            }
        });
    }

    private async Task<(ContainerSpec Spec, TimeSpan Ttl)> PrepareRunSpecAsync(Actor actor, string app, RunRequest request, CancellationToken ct)
    {
        var command = ValidateCommand(request.Command);
        var env = request.Env ?? new Dictionary<string, string>();
        var errors = new ValidationErrors();
        foreach (var (key, value) in env)
        {
            if (!ConfigKey.IsValid(key)) errors.Add("env", ConfigKey.Problem(key));
            if (value is null || value.Contains('\0')) errors.Add("env", $"--env {key} has no value or holds a NUL character");
        }
        if (request.TtlSeconds is < 1 or > 7 * 24 * 3600)
            errors.Add("ttlSeconds", $"--ttl-seconds {request.TtlSeconds} is out of range: use 1 to {7 * 24 * 3600}");
        errors.ThrowIfAny();

        var (context, number) = await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var read = await DeployContext.ReadAsync(s, found.Id, null, ct);
            if (read?.Release?.ImageDigest is null)
                throw new ConflictException($"app '{app}' has no deployed release to run in: push code first (git push)");
            await StateOperation.AuditAsync(s, actor, "run", app, ct, ("program", command[0]));
            return (read, Random.Shared.Next(1, 10000));
        }, ct);
        var volumes = await storage.VolumesAsync(context.App.Id, context.Release!.ImageDigest!, context.Storage, ct);
        var spec = InstanceSpecs.OneOff(context.App, context.Release!, Argv(command), "run", "run." + number.ToString(CultureInfo.InvariantCulture),
            context.Port, EffectiveLimits.For(context.Limits, "run"), volumes, env);
        return (spec, request.TtlSeconds is { } ttl ? TimeSpan.FromSeconds(ttl) : DefaultTtl);
    }

    /// <summary>The running instance's container and the command line for it; 400 for a malformed dyno, 409 for one not running.</summary>
    private async Task<(string ContainerId, IReadOnlyList<string> Argv)> PrepareEnterArgvAsync(Actor actor, string app, EnterRequest request,
        IReadOnlyList<string>? defaultCommand, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (!DynoName.IsValid(request.Dyno)) errors.Add("dyno", DynoName.Problem(request.Dyno));
        var command = request.Command is not { Count: > 0 } && defaultCommand is not null ? null : ValidateCommand(request.Command);
        errors.ThrowIfAny();
        var containerId = await op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var instances = await s.Instances.ListAsync(found.Id, ct);
            var instance = instances.FirstOrDefault(i => i.Dyno == request.Dyno && i.State == InstanceState.Running && i.ReleaseVersion == found.ServingRelease)
                ?? throw new ConflictException($"app '{app}' has no running instance '{request.Dyno}': " +
                    $"running ones are {string.Join(", ", instances.Where(i => i.State == InstanceState.Running).Select(i => i.Dyno).DefaultIfEmpty("none"))}");
            await StateOperation.AuditAsync(s, actor, "enter", app, ct, ("dyno", instance.Dyno), ("program", (command ?? defaultCommand!)[0]));
            return instance.ContainerId!;
        }, ct);
        return (containerId, command is null ? [AppImage.Exec, .. defaultCommand!] : Argv(command));
    }

    private static List<string> Argv(IReadOnlyList<string> command) =>
        command.Count == 1 ? [AppImage.Exec, "/bin/sh", "-c", command[0]] : [AppImage.Exec, .. command];

    private static string TtlMessage(TimeSpan ttl) => $"run: stopped after its ttl ({ttl.TotalSeconds:0} s)";

    private static IReadOnlyList<string> ValidateCommand(IReadOnlyList<string>? command)
    {
        if (command is null || command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
            throw new ValidationException("command", "no command given: for example `paas run APP 'python manage.py migrate'`");
        if (command.Count > MaxArguments)
            throw new ValidationException("command", $"{command.Count} arguments: at most {MaxArguments}");
        if (command.Sum(a => (long)(a?.Length ?? 0)) > MaxCommandBytes || command.Any(a => a is null || a.Contains('\0')))
            throw new ValidationException("command", $"the command is longer than {MaxCommandBytes / 1024} KiB or holds a NUL character");
        return command;
    }
}
