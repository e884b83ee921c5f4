using System.Text.Encodings.Web;
using System.Text.Json;
using Paas.Builds.Workspaces;
using Paas.Core.Builds;
using Paas.Core.Images;

namespace Paas.Builds.Slugs;

/// <summary>
/// Packs the build dir as the app image: the stack's layers plus ONE layer holding the slug at /app
/// (the build user's files, recorded as container uid 1000 by the store, which shifts ids back out
/// of the user namespace) and the launcher in /paas. The config runs as the app user in /app, with
/// `/paas/start web` (or the first process type) as the default command and the process types,
/// commit and buildpacks in labels.
/// </summary>
internal sealed class SlugImageWriter(IImageStore images)
{
    public const string AppUser = AppImage.User;

    // Commands are full of quotes, < and &: keep them readable in the label.
    private static readonly JsonSerializerOptions LabelJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<Image> CommitAsync(
        BuildWorkspace workspace, string reference, string stackImage, string commit,
        IReadOnlyDictionary<string, string> processTypes, IReadOnlyDictionary<string, string> configVars,
        IReadOnlyList<string> buildpacks, CancellationToken ct)
    {
        // The build dir becomes slug/app by a rename: no copy of what may be hundreds of megabytes.
        // Safe now: the container that could change it is gone.
        HostFiles.CreateFresh(workspace.Slug, HostFiles.Public);
        Directory.Move(workspace.Source, Path.Combine(workspace.Slug, "app"));
        var launcher = HostFiles.CreateFresh(Path.Combine(workspace.Slug, "paas"), HostFiles.Public);
        SlugLauncher.Write(launcher, processTypes, configVars);

        var config = new ImageConfig(
            Env: [],
            Entrypoint: [],
            Cmd: DefaultCommand(processTypes),
            WorkingDir: "/app",
            User: AppUser,
            Labels: new Dictionary<string, string>
            {
                [ImageLabels.ProcessTypes] = JsonSerializer.Serialize(processTypes, LabelJson),
                [ImageLabels.Commit] = commit,
                [ImageLabels.Buildpacks] = string.Join(",", buildpacks),
            });
        return await images.CommitDirectoryAsync(reference, workspace.Slug, config, stackImage, ct);
    }

    private static string[] DefaultCommand(IReadOnlyDictionary<string, string> processTypes) =>
        processTypes.ContainsKey("web") ? [SlugLauncher.Start, "web"]
        : processTypes.Count > 0 ? [SlugLauncher.Start, processTypes.Keys.First()]
        : [];
}
