using Paas.Core.Apps;
using Paas.Core.Builds;
using Paas.Core.Builds.AppJson;
using Paas.Core.Containers;
using Paas.Core.Git;
using Paas.Core.Images;
using Paas.Core.Limits;
using Paas.Core.Networking;
using Paas.Engine.Operations;
using Paas.Engine.Storage;

namespace Paas.Engine.Builds;

/// <summary>
/// app.json's <c>scripts.dokku.predeploy</c>: run once in a container of the new image, with the
/// environment the release will have (config, GIT_REV, PORT, DYNO), before the release is made. Its
/// output is the build's; a non-zero exit fails the build, so the previous release stays current.
/// What it changes on disk is committed to the image the release runs (Dokku's documented use:
/// "making changes to the built image", `touch /app/predeploy.test` in its own test app). The app's
/// storage mounts are bound in, as in every container of the run phase: what it writes there goes to
/// the volumes (a migration of a SQLite file, say), not into the image.
/// </summary>
public sealed class Predeploy(IContainerRuntime runtime, StateOperation op, AppStorage storage)
{
    /// <summary>Dokku's default web port, which the app's config may override.</summary>
    public const string DefaultPort = "5000";

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Runs the script, if any, and returns the image to release: <paramref name="image"/> with the
    /// script's changes as one more layer, under the same reference (or <paramref name="image"/> itself
    /// when there is no script).
    /// </summary>
    public async Task<Image> RunAsync(App app, Image image, SourceTree source, IReadOnlyDictionary<string, string> config, IBuildOutput output, CancellationToken ct)
    {
        var script = AppJsonParser.Parse(source.File(SourceTree.AppJson)).Predeploy;
        if (string.IsNullOrWhiteSpace(script))
            return image;

        await output.WriteLineAsync(BuildOutput.Step($"Running predeploy: {script}"), ct);
        var env = new Dictionary<string, string>(config) { ["DYNO"] = "predeploy.1" };
        env.TryAdd("PORT", DefaultPort);
        var mounts = await op.ReadAsync(s => s.Storage.ListAsync(app.Id, ct), ct);
        var volumes = await storage.VolumesAsync(app.Id, image.Reference, mounts, ct);
        var spec = new ContainerSpec(
            image.ManifestDigest,
            [AppImage.Exec, "/bin/sh", "-c", script],
            env,
            WorkingDir: null,
            User: null,
            Hostname: app.Name,
            Labels: new Dictionary<string, string>
            {
                [ContainerLabels.App] = app.Name,
                [ContainerLabels.AppId] = app.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [ContainerLabels.ProcessType] = "predeploy",
            },
            ResourceLimits.Defaults,
            volumes,
            NetworkMode.Bridge,
            Ports: []);
        CommittedRun run;
        try
        {
            run = await runtime.RunAttachedAndCommitAsync(spec, new Lines(output), Timeout, image.Reference, ct);
        }
        catch (TimeoutException)
        {
            throw new BuildFailedException($"predeploy did not finish within {BuildDuration.Format(Timeout)}: the release was not made");
        }
        var exit = run.Exit;
        if (exit.ExitCode is not 0 || run.Image is null)
            throw new BuildFailedException($"predeploy failed (exit code {exit.ExitCode?.ToString() ?? "unknown"}{(exit.OomKilled ? ", out of memory" : "")}): the release was not made");
        return run.Image;
    }

    /// <summary>The predeploy container's stdout and stderr, as detail lines of the build.</summary>
    private sealed class Lines(IBuildOutput output) : IContainerOutput
    {
        public ValueTask WriteLineAsync(LogStream stream, string line, CancellationToken ct) =>
            output.WriteLineAsync(BuildOutput.Detail(line), ct);
    }
}
