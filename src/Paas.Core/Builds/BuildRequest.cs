using Paas.Core.Git;
using Paas.Core.Limits;

namespace Paas.Core.Builds;

/// <summary>
/// What the build runner needs to turn extracted source into an image. <see cref="Source"/> was
/// extracted into <see cref="IBuildRunner.CreateWorkspaceAsync"/>'s source dir; its metadata files
/// (Procfile, app.json, .buildpacks, ...) were read from git blobs, never from the host tree.
/// <see cref="Config"/> becomes the env dir (one file per variable) and is never baked into a
/// layer. <see cref="ImageReference"/> is the reference the result is stored under.
/// </summary>
public sealed record BuildRequest(
    long BuildId,
    long AppId,
    string AppName,
    SourceTree Source,
    string StackImage,
    IReadOnlyDictionary<string, string> Config,
    ResourceLimits Limits,
    TimeSpan Timeout,
    string ImageReference);
