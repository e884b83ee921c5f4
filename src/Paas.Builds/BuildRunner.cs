using Paas.Core.Files;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Paas.Builds.Buildpacks;
using Paas.Builds.Cache;
using Paas.Builds.Driver;
using Paas.Builds.Output;
using Paas.Builds.Releases;
using Paas.Builds.Slugs;
using Paas.Builds.Workspaces;
using Paas.Core.Builds;
using Paas.Core.Builds.Procfiles;
using Paas.Core.Containers;
using Paas.Core.Git;
using Paas.Core.Images;

namespace Paas.Builds;

/// <summary>
/// Heroku buildpack API v2 builds, herokuish-style, in one build container per build (see
/// <see cref="BuildContainerSpec"/> and Driver/build-driver.sh), then the slug as one layer on
/// the stack (<see cref="SlugImageWriter"/>). Whatever happens, the workspace goes at the end;
/// the container goes with <see cref="IContainerRuntime.RunAttachedAsync"/>; the cache stays.
/// </summary>
public sealed class BuildRunner : IBuildRunner
{
    private readonly BuildRunnerOptions _options;
    private readonly IContainerRuntime _runtime;
    private readonly IImageStore _images;
    private readonly ILogger _logger;
    private readonly BuildCache _cache;
    private readonly SlugImageWriter _slugs;

    public BuildRunner(BuildRunnerOptions options, IContainerRuntime runtime, IImageStore images, ILogger<BuildRunner>? logger = null)
    {
        _options = options;
        _runtime = runtime;
        _images = images;
        _logger = logger ?? NullLogger<BuildRunner>.Instance;
        _cache = new BuildCache(options.CacheDirectory);
        _slugs = new SlugImageWriter(images);
    }

    public Task<string> CreateWorkspaceAsync(long buildId, CancellationToken ct)
    {
        var workspace = Workspace(buildId);
        workspace.Create();
        return Task.FromResult(workspace.Source);
    }

    public async Task<BuildResult> BuildAsync(BuildRequest request, IBuildOutput output, CancellationToken ct)
    {
        var workspace = Workspace(request.BuildId);
        var started = Stopwatch.StartNew();
        try
        {
            if (!workspace.Exists || Path.GetFullPath(request.Source.Directory).TrimEnd('/') != workspace.Source)
                throw new InvalidOperationException($"build {request.BuildId}: extract the source into CreateWorkspaceAsync's dir ({workspace.Source}) first");
            var result = await RunAsync(request, workspace, output, ct);
            BuildRunnerLog.Succeeded(_logger, request.BuildId, request.AppName, request.ImageReference, result.Image.ManifestDigest, started.Elapsed);
            return result;
        }
        catch (BuildFailedException e)
        {
            BuildRunnerLog.Failed(_logger, request.BuildId, request.AppName, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            BuildRunnerLog.Cancelled(_logger, request.BuildId, request.AppName);
            throw;
        }
        finally
        {
            RemoveWorkspace(workspace, request.BuildId);
        }
    }

    /// <summary>
    /// At paasd start, before any build: removes the workspaces of builds a dead paasd left (their
    /// containers are removed by the runtime's recovery; caches stay). Returns how many.
    /// </summary>
    public int RemoveAbandonedWorkspaces()
    {
        if (!Directory.Exists(_options.WorkspacesDirectory)) return 0;
        var removed = 0;
        foreach (var dir in Directory.EnumerateFileSystemEntries(_options.WorkspacesDirectory).ToList())
        {
            if (!long.TryParse(Path.GetFileName(dir), out var buildId)) continue;
            RemoveWorkspace(Workspace(buildId), buildId);
            removed++;
        }

        return removed;
    }

    public Task DeleteWorkspaceAsync(long buildId, CancellationToken ct)
    {
        RemoveWorkspace(Workspace(buildId), buildId);
        return Task.CompletedTask;
    }

    public Task PurgeCacheAsync(long appId, CancellationToken ct)
    {
        _cache.Purge(appId);
        return Task.CompletedTask;
    }

    public Task<long> CacheSizeBytesAsync(long appId, CancellationToken ct) => Task.FromResult(DirectorySize.Of(_cache.For(appId)));

    public Task<IReadOnlyList<long>> ListWorkspacesAsync(CancellationToken ct)
    {
        IReadOnlyList<long> builds = !Directory.Exists(_options.WorkspacesDirectory)
            ? []
            : Directory.EnumerateFileSystemEntries(_options.WorkspacesDirectory)
                .Select(dir => long.TryParse(Path.GetFileName(dir), out var buildId) ? buildId : (long?)null)
                .OfType<long>().ToList();
        return Task.FromResult(builds);
    }

    private async Task<BuildResult> RunAsync(BuildRequest request, BuildWorkspace workspace, IBuildOutput output, CancellationToken ct)
    {
        var stack = await _images.FindAsync(request.StackImage, ct)
            ?? throw new BuildFailedException($"the app's stack image {request.StackImage} does not exist; create it with `paas stacks:create` or choose another stack");
        var stackName = stack.Config.Labels.GetValueOrDefault(ImageLabels.StackName) ?? request.StackImage;
        // Both fail before a container starts: a malformed Procfile or app.json needs no build to find.
        var procfile = request.Source.File(SourceTree.Procfile) is { } text ? ProcfileParser.Parse(text) : null;
        var builtins = BuiltinBuildpacks.List(_options.BuildpacksDirectory);
        var plan = BuildpackPlanner.Plan(request.Source, request.Config, builtins, _options.BuildpacksDirectory);

        BuildRunnerLog.Started(_logger, request.BuildId, request.AppName, request.Source.Commit, stackName);
        await output.WriteLineAsync(BuildOutput.Step($"Building {request.AppName} from {ShortCommit(request.Source.Commit)} on stack {stackName}"), ct);
        foreach (var notice in plan.Notices) await output.WriteLineAsync(BuildOutput.Detail(notice), ct);
        if (AppDotEnv.Parse(request.Source.File(SourceTree.DotEnv)) is { Count: > 0 } dotEnv)
            await output.WriteLineAsync(BuildOutput.Detail(
                $"The app's .env sets {string.Join(", ", dotEnv.Keys.Order(StringComparer.Ordinal))} for the build, as herokuish does (config vars win)"), ct);

        var buildUser = _runtime.ToHostIds(BuildContainerSpec.BuildUid, BuildContainerSpec.BuildGid);
        var env = AppDotEnv.WithConfig(request.Source, request.Config);
        env["SOURCE_VERSION"] = request.Source.Commit;
        workspace.PrepareForContainer(env, buildUser);
        DriverFiles.Write(workspace.Driver, plan, _options.WellKnownCloneTimeout);
        var cacheDir = _cache.Ensure(request.AppId, buildUser);

        var spec = BuildContainerSpec.For(request, workspace, cacheDir, stackName, _options);
        ContainerInfo exit;
        try
        {
            exit = await _runtime.RunAttachedAsync(spec, new ContainerToBuildOutput(output), request.Timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new BuildFailedException(
                $"build timed out after {BuildDuration.Format(request.Timeout)}; raise it with `paas builds:set {request.AppName} timeout {BuildDuration.Format(request.Timeout * 2)}`");
        }

        var results = DriverResultsReader.Read(workspace.Results);
        if (exit.ExitCode != 0 || exit.OomKilled) throw DriverFailureMessage.From(exit, results, spec.Limits.MemoryBytes, request.Source.File(SourceTree.Dockerfile) is not null);

        var lastBuildpack = results.Used.Count > 0 ? results.Used[^1].Buildpack : "(unknown)";
        var release = ReleaseYamlParser.Parse(results.ReleaseYaml);
        var (types, origin) = ProcessTypeResolver.Resolve(procfile, results.GeneratedProcfile, release, lastBuildpack);
        await ReportProcessTypesAsync(output, types, origin, ct);

        await output.WriteLineAsync(BuildOutput.Step("Creating the image (stack + slug layer)"), ct);
        var image = await _slugs.CommitAsync(
            workspace, request.ImageReference, request.StackImage, request.Source.Commit, types, release.ConfigVars,
            results.Used.Select(u => u.Buildpack).ToList(), ct);
        await output.WriteLineAsync(BuildOutput.Detail($"Done: {request.ImageReference} ({image.ManifestDigest})"), ct);
        return new BuildResult(image, types);
    }

    private static async Task ReportProcessTypesAsync(IBuildOutput output, IReadOnlyDictionary<string, string> types, string origin, CancellationToken ct)
    {
        await output.WriteLineAsync(BuildOutput.Step("Discovering process types"), ct);
        if (types.Count == 0)
        {
            await output.WriteLineAsync(BuildOutput.Error("No process types found: the app will have nothing to run. Add a Procfile (web: <command>)"), ct);
            return;
        }

        await output.WriteLineAsync(BuildOutput.Detail($"{(origin == "Procfile" ? "Procfile declares types" : origin)} -> {string.Join(", ", types.Keys)}"), ct);
    }

    private BuildWorkspace Workspace(long buildId) => new(_options.WorkspacesDirectory, buildId);

    private void RemoveWorkspace(BuildWorkspace workspace, long buildId)
    {
        try
        {
            workspace.Delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BuildRunnerLog.WorkspaceNotRemoved(_logger, e, buildId, workspace.Root);
        }
    }

    private static string ShortCommit(string commit) => commit.Length > 7 ? commit[..7] : commit;
}
