using System.Globalization;
using Microsoft.Extensions.Logging;
using Paas.Core.Apps;
using Paas.Core.Auth;
using Paas.Core.Builds;
using Paas.Core.Deploys;
using Paas.Core.Git;
using Paas.Core.Images;
using Paas.Core.Stacks;
using Paas.Core.State;
using Paas.Engine.Deploys;
using Paas.Engine.Operations;
using Paas.Engine.Stacks;

namespace Paas.Engine.Builds;

/// <summary>
/// One build from commit to release and its deploy: queue (one per app, a host-wide limit), extract,
/// buildpacks in the build container, predeploy, the release in one transaction, then the deploy
/// (whose failure rejects the push while the build itself stays a success). The build record always
/// ends finished (succeeded, failed with the reason, or cancelled with who or what cancelled it);
/// an image exists only for a build that succeeded, and the previous release stays current
/// whenever one does not.
/// </summary>
public sealed partial class BuildPipeline(
    StateOperation op,
    IBuildRunner runner,
    ISourceExtractor extractor,
    IBuildLogStore logs,
    IImageStore images,
    BuildSlots slots,
    RunningBuilds running,
    AppJsonEnvStep appJsonEnv,
    Predeploy predeploy,
    Deployer deployer,
    ILogger<BuildPipeline> logger)
{
    /// <summary>The runtime variable Dokku sets to the deployed commit.</summary>
    public const string GitRevVariable = "GIT_REV";

    /// <summary>The host-wide build limit, read at each build start (builds:set --global parallel).</summary>
    private volatile int _parallel = BuildSettings.DefaultParallel;

    public async Task<Build> RunAsync(Actor actor, App app, Build build, string? quarantineDir, IBuildOutput? pusher, CancellationToken ct)
    {
        await using var log = await logs.CreateAsync(app.Id, build.Id, ct);
        using var current = running.Add(app.Id, build.Id, ct);
        var output = new BuildOutputTee(log, pusher, current);
        Image? image = null;
        var timings = new BuildTimings();
        try
        {
            using var slot = await slots.AcquireAsync(app.Id, build.Id, () => _parallel, w => SayWaitingAsync(output, w, current.Token), current.Token);
            timings.Mark("queue");
            await op.RunAsync(async s => { await s.Builds.MarkRunningAsync(build.Id, ct); return 0; }, current.Token);
            var inputs = await ReadInputsAsync(app, current.Token);

            var sourceDir = await runner.CreateWorkspaceAsync(build.Id, current.Token);
            var source = await extractor.ExtractAsync(app.Id, build.Commit, quarantineDir, sourceDir, current.Token);
            timings.Mark("extract");
            var request = new BuildRequest(build.Id, app.Id, app.Name, source, inputs.StackImage, inputs.BuildConfig(build.Commit),
                inputs.Limits, inputs.Timeout, ImageReferenceFor(app.Id, build.Id));
            var result = await runner.BuildAsync(request, output, current.Token);
            image = result.Image;
            timings.Mark("build");

            inputs = inputs with { Config = await appJsonEnv.ApplyAsync(actor, app, source, inputs.Config, output, current.Token) };
            image = await predeploy.RunAsync(app, image, source, inputs.RuntimeConfig(build.Commit), output, current.Token);
            result = result with { Image = image };
            timings.Mark("predeploy");
            var version = await ReleaseAsync(actor, app, build, result, source, current.Token);
            timings.Mark("release");
            await output.WriteLineAsync(BuildOutput.Section($"Application released as v{version}"), CancellationToken.None);
            await output.WriteLineAsync(BuildOutput.Detail(timings.ToString()), CancellationToken.None);
            await FinishAsync(build.Id, BuildStatus.Succeeded, image.ManifestDigest, version, null);
            image = null;
            await deployer.DeployAsync(actor, app, version, DeployReason.Push, output, current.Token);
        }
        catch (DeployFailedException)
        {
            // The build succeeded and its release exists; the deploy said why it failed, and the serving release serves on.
            throw;
        }
        catch (BuildFailedException e)
        {
            await SayAsync(output, e.Message);
            await FinishAsync(build.Id, BuildStatus.Failed, null, null, e.Message);
            throw;
        }
        catch (OperationCanceledException) when (current.Token.IsCancellationRequested)
        {
            await SayAsync(output, $"Build cancelled: {current.CancelReason}");
            await FinishAsync(build.Id, BuildStatus.Cancelled, null, null, $"cancelled: {current.CancelReason}");
            throw new OperationCanceledException($"build {build.Id} of {app.Name} was cancelled: {current.CancelReason}", current.Token);
        }
        catch (Exception e)
        {
            LogBuildError(logger, e, build.Id, app.Name);
            var message = e is Core.Errors.PaasException ? e.Message : "the build failed on the server's side; paasd's log has the details";
            await SayAsync(output, message);
            await FinishAsync(build.Id, BuildStatus.Failed, null, null, message);
            throw;
        }
        finally
        {
            // The runner removes its workspace once BuildAsync ran; not when extraction failed or a cancel came first.
            await runner.DeleteWorkspaceAsync(build.Id, CancellationToken.None);
            running.Remove(current);
            if (image is not null) await DeleteImageAsync(image);
        }

        return await op.ReadAsync(async s => (await s.Builds.FindAsync(app.Id, build.Id, CancellationToken.None))!, CancellationToken.None);
    }

    public void SetParallel(int parallel) => _parallel = parallel;

    public static string ImageReferenceFor(long appId, long buildId) =>
        string.Create(CultureInfo.InvariantCulture, $"app/{appId}:build-{buildId}");

    private static string Short(string commit) => commit[..7];

    private async Task<BuildInputs> ReadInputsAsync(App app, CancellationToken ct) =>
        await op.ReadAsync(async s =>
        {
            var stack = await s.Settings.GetAsync(StackOperations.DefaultStackSetting, ct)
                ?? throw new BuildFailedException("there is no stack to build on: an administrator creates one with `paas stacks:create NAME --from debootstrap` (or `--from host`)");
            _parallel = BuildSettings.ParseParallel(await s.Settings.GetAsync(BuildSettings.ParallelSetting, ct));
            return new BuildInputs(
                stack, Stack.ReferenceFor(stack),
                await s.Config.GetAllAsync(app.Id, ct),
                await BuildSettings.LimitsAsync(s.AppSettings, app.Id, ct),
                await BuildSettings.TimeoutAsync(s.AppSettings, app.Id, ct));
        }, ct);

    /// <summary>The release, GIT_REV and the build's success in one transaction, with the app row locked against concurrent config changes.</summary>
    private Task<int> ReleaseAsync(Actor actor, App app, Build build, BuildResult result, SourceTree source, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            var locked = await s.Apps.FindForUpdateAsync(app.Name, ct);
            if (locked is null || locked.Id != app.Id)
                throw new BuildFailedException($"the app {app.Name} was destroyed or renamed during the build; nothing was released");
            await s.Config.SetAsync(app.Id, new Dictionary<string, string> { [GitRevVariable] = build.Commit }, ct);
            var config = await s.Config.GetAllAsync(app.Id, ct);
            var release = await s.Releases.CreateAsync(new NewRelease(
                app.Id, result.Image.ManifestDigest, config, result.ProcessTypes, $"Deploy {Short(build.Commit)}", actor.Name,
                build.Commit, build.Id, source.File(SourceTree.AppJson), source.File(SourceTree.Checks)), ct);
            await s.Apps.SetCurrentReleaseAsync(app.Id, release.Version, ct);
            await StateOperation.AuditAsync(s, actor, "releases:create", app.Name, ct,
                ("version", release.Version.ToString(CultureInfo.InvariantCulture)), ("commit", build.Commit),
                ("build", build.Id.ToString(CultureInfo.InvariantCulture)));
            return release.Version;
        }, ct);

    private static async Task SayWaitingAsync(IBuildOutput output, BuildWait wait, CancellationToken ct)
    {
        var text = wait.AppBuild is { } other
            ? $"Waiting for build {other} of this app to finish (one build per app at a time)"
            : $"Waiting for a free build slot ({wait.HostBuilds} builds are running, the most this host runs at once)";
        await output.WriteLineAsync(BuildOutput.Section(text), ct);
    }

    /// <summary>The reason, for the pusher and the log; a pusher who left is not an error here.</summary>
    private static async Task SayAsync(IBuildOutput output, string message)
    {
        foreach (var line in message.Split('\n'))
            await output.WriteLineAsync(BuildOutput.Error(line), CancellationToken.None);
    }

    private async Task FinishAsync(long buildId, BuildStatus status, string? digest, int? version, string? error)
    {
        try
        {
            await op.RunAsync(async s => await s.Builds.FinishAsync(buildId, status, digest, version, error, CancellationToken.None), CancellationToken.None);
        }
        catch (Exception e)
        {
            // paasd's start marks builds left unfinished as interrupted.
            LogFinishFailed(logger, e, buildId);
        }
    }

    private async Task DeleteImageAsync(Image image)
    {
        try
        {
            await images.DeleteAsync(image.Reference, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogImageCleanupFailed(logger, e, image.Reference);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "build {BuildId} of {App} failed on the server's side")]
    private static partial void LogBuildError(ILogger logger, Exception e, long buildId, string app);

    [LoggerMessage(Level = LogLevel.Error, Message = "could not record the end of build {BuildId}")]
    private static partial void LogFinishFailed(ILogger logger, Exception e, long buildId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not delete the image {Reference} of a build that did not succeed")]
    private static partial void LogImageCleanupFailed(ILogger logger, Exception e, string reference);
}
