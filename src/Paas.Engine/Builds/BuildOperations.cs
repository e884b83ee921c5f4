using System.Globalization;
using System.Runtime.CompilerServices;
using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Builds;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Git;
using Paas.Core.Limits;
using Paas.Engine.Jobs;
using Paas.Engine.Operations;

namespace Paas.Engine.Builds;

/// <summary>
/// Builds of an app's commits: a push of the deploy branch, ps:rebuild, and the build history
/// (`builds`, `builds:output`, `builds:cancel`, `builds:set`, `repo:purge-cache`).
/// </summary>
public sealed class BuildOperations(StateOperation op, BuildPipeline pipeline, RunningBuilds running, IBuildLogStore logs, IBuildRunner runner)
{
    public const int MaxListed = 1000;

    /// <summary>Bytes of log read at a time when streaming one.</summary>
    private const int ReadChunk = 256 * 1024;

    /// <summary>
    /// Builds <paramref name="commit"/>, pushed to <paramref name="branch"/> and still in git's
    /// quarantine (<paramref name="quarantineDir"/>, null once the push is stored), streaming its
    /// output as it happens. Waits (saying so) while another build of the app runs. Returns the
    /// finished build; throws <see cref="BuildFailedException"/> when it failed (the push is then
    /// to be rejected) and <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public async Task<Build> BuildPushAsync(Actor actor, string app, string commit, string? branch, string? quarantineDir, IBuildOutput output, CancellationToken ct)
    {
        if (!IsCommitId(commit))
            throw new ValidationException("commit", $"'{commit}' is not a full commit id (40 lower-case hex digits)");
        var (found, build) = await CreateAsync(actor, app, commit, branch, "git:push", ct);
        return await pipeline.RunAsync(actor, found, build, quarantineDir, output, ct);
    }

    /// <summary>ps:rebuild: builds the commit of the current release again (with today's buildpacks and config).</summary>
    public async Task<Build> RebuildAsync(Actor actor, string app, IBuildOutput output, CancellationToken ct)
    {
        var commit = await op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var latest = await s.Releases.FindLatestAsync(found.Id, ct);
            return latest?.Commit
                ?? throw new ConflictException($"{found.Name} has no built release to rebuild: deploy it first with `git push`");
        }, ct);
        var (appRecord, build) = await CreateAsync(actor, app, commit, null, "ps:rebuild", ct);
        return await pipeline.RunAsync(actor, appRecord, build, null, output, ct);
    }

    public Task<IReadOnlyList<BuildView>> ListAsync(Actor actor, string app, int limit, CancellationToken ct)
    {
        if (limit is < 1 or > MaxListed)
            throw new ValidationException("limit", $"limit {limit} is out of range: use 1 to {MaxListed}");
        return op.ReadAsync<IReadOnlyList<BuildView>>(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return (await s.Builds.ListAsync(found.Id, limit, ct)).Select(ToView).ToList();
        }, ct);
    }

    public Task<BuildView> GetAsync(Actor actor, string app, long id, CancellationToken ct) =>
        op.ReadAsync(async s => ToView(await FindBuildAsync(s, actor, app, id, ct)), ct);

    /// <summary>
    /// The build's stored log; with <paramref name="follow"/>, then every new line until the build
    /// finishes. A build of another paasd run that never finished has no more lines coming.
    /// </summary>
    public async IAsyncEnumerable<string> OutputAsync(Actor actor, string app, long id, bool follow, [EnumeratorCancellation] CancellationToken ct)
    {
        var build = await op.ReadAsync(s => FindBuildAsync(s, actor, app, id, ct), ct);
        long offset = 0;
        while (true)
        {
            var live = follow ? running.Find(build.Id) : null;
            // Taken before reading, so a line written between the read and the wait still wakes us.
            var next = live?.NextWriteAsync();
            var chunk = await logs.ReadAsync(build.AppId, build.Id, offset, ReadChunk, ct);
            foreach (var line in chunk.Lines)
                yield return line;
            offset = chunk.NextOffset;
            if (chunk.Lines.Count > 0)
                continue;
            if (live is null || live.Finished)
                yield break;
            await next!.WaitAsync(ct);
        }
    }

    /// <summary>builds:cancel: the app's running build and those waiting behind it. Returns the ids cancelled (none is a conflict).</summary>
    public async Task<IReadOnlyList<long>> CancelAsync(Actor actor, string app, CancellationToken ct)
    {
        var found = await op.RunAsync(async s =>
        {
            var a = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            await StateOperation.AuditAsync(s, actor, "builds:cancel", a.Name, ct);
            return a;
        }, ct);
        var builds = running.OfApp(found.Id);
        if (builds.Count == 0)
            throw new ConflictException($"{found.Name} has no build running");
        foreach (var build in builds)
            build.Cancel($"cancelled by {actor.Name} (builds:cancel)");
        return builds.Select(b => b.BuildId).ToList();
    }

    /// <summary>repo:purge-cache: the next build starts without the buildpacks' cache.</summary>
    public async Task PurgeCacheAsync(Actor actor, string app, CancellationToken ct)
    {
        var found = await op.RunAsync(async s =>
        {
            var a = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            await StateOperation.AuditAsync(s, actor, "repo:purge-cache", a.Name, ct);
            return a;
        }, ct);
        await runner.PurgeCacheAsync(found.Id, ct);
    }

    public Task<BuildSettingsView> ReportSettingsAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            var limits = await BuildSettings.LimitsAsync(s.AppSettings, found.Id, ct);
            var set = (await s.AppSettings.ListAsync(found.Id, ct)).Keys
                .Where(k => k.StartsWith("builds.", StringComparison.Ordinal)).Select(k => k["builds.".Length..]).ToList();
            return new BuildSettingsView(
                BuildDuration.Format(await BuildSettings.TimeoutAsync(s.AppSettings, found.Id, ct)),
                ResourceLimitParser.FormatMemory(limits.MemoryBytes!.Value),
                limits.Cpus?.ToString(CultureInfo.InvariantCulture) ?? "all",
                BuildSettings.ParseParallel(await s.Settings.GetAsync(BuildSettings.ParallelSetting, ct)),
                set,
                await BuildSettings.ImageRetentionAsync(s.AppSettings, found.Id, ct));
        }, ct);

    /// <summary>builds:set APP KEY [VALUE] (timeout, memory, cpus); a null value unsets.</summary>
    public Task SetAsync(Actor actor, string app, string key, string? value, CancellationToken ct)
    {
        if (!BuildSettings.AppKeys.Contains(key))
            throw new ValidationException("key", $"unknown build setting '{key}': use {string.Join(", ", BuildSettings.AppKeys)}, or `--global {BuildSettings.Parallel}`");
        var stored = value is null ? null : BuildSettings.Normalize(key, value);
        return op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: true, ct);
            if (stored is null) await s.AppSettings.UnsetAsync(found.Id, BuildSettings.AppSettingKey(key), ct);
            else await s.AppSettings.SetAsync(found.Id, BuildSettings.AppSettingKey(key), stored, ct);
            // A smaller retention frees its images now rather than at the next deploy.
            if (key == BuildSettings.ImageRetention) await OutboxJobs.AskAsync(s, OutboxJobs.ImageRetention, found.Id, ct);
            await StateOperation.AuditAsync(s, actor, "builds:set", found.Name, ct, ("key", key), ("value", stored ?? "(default)"));
            return 0;
        }, ct);
    }

    /// <summary>builds:set --global parallel N: how many builds this host runs at once (administrators).</summary>
    public Task SetGlobalAsync(Actor actor, string key, string? value, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "change host-wide build settings");
        if (key != BuildSettings.Parallel)
            throw new ValidationException("key", $"unknown global build setting '{key}': use {BuildSettings.Parallel}");
        var stored = BuildSettings.Normalize(key, value ?? BuildSettings.DefaultParallel.ToString(CultureInfo.InvariantCulture));
        return op.RunAsync(async s =>
        {
            await s.Settings.SetAsync(BuildSettings.ParallelSetting, stored, ct);
            await StateOperation.AuditAsync(s, actor, "builds:set", null, ct, ("key", key), ("value", stored));
            pipeline.SetParallel(int.Parse(stored, CultureInfo.InvariantCulture));
            return 0;
        }, ct);
    }

    private Task<(App App, Build Build)> CreateAsync(Actor actor, string app, string commit, string? branch, string action, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            if (found.Locked)
                throw new ConflictException($"{found.Name} is locked: deploys are refused until `paas apps:unlock {found.Name}`");
            var build = await s.Builds.CreateAsync(found.Id, commit, branch, actor.Name, ct);
            await StateOperation.AuditAsync(s, actor, action, found.Name, ct,
                ("build", build.Id.ToString(CultureInfo.InvariantCulture)), ("commit", commit));
            return (found, build);
        }, ct);

    private static async Task<Build> FindBuildAsync(Core.State.IStateSession s, Actor actor, string app, long id, CancellationToken ct)
    {
        var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
        return await s.Builds.FindAsync(found.Id, id, ct)
            ?? throw new NotFoundException($"{found.Name} has no build {id}: `paas builds {found.Name}` lists them");
    }

    private static bool IsCommitId(string commit) => commit.Length == 40 && commit.All(char.IsAsciiHexDigitLower);

    private static BuildView ToView(Build b) => new(
        b.Id, b.Status.ToString().ToLowerInvariant(), b.Commit, b.Branch, b.CreatedBy, b.CreatedAt, b.StartedAt, b.FinishedAt,
        b.ImageDigest, b.ReleaseVersion, b.Error);
}
