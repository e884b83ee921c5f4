using System.Globalization;
using Paas.Core.Containers;
using Paas.Core.Files;
using Paas.Core.Images;
using Paas.Core.Storage;
using Paas.Runtime.Images.Native;

namespace Paas.Runtime.Volumes;

/// <summary>
/// Apps' volumes at $PAAS_ROOT/volumes/apps/&lt;app id&gt;/&lt;name&gt;. The parents are root's and only
/// traversable (runc mounts from inside the user namespace, so it must be able to pass them); a volume dir
/// is private to the user the app's image runs as, seen from the host through the user namespace, so it is
/// writable by the app and by no other app or host user. Only a volume name reaches a path here, never
/// user-given text, and names cannot hold '/' or be '..' (<see cref="StorageMount.NameProblem"/>).
/// </summary>
public sealed class AppVolumeDirectories(RuntimePaths paths, IContainerRuntime runtime, IImageStore images) : IAppVolumes
{
    private const UnixFileMode Traversable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>The stack's <c>app</c> user (<see cref="Bundles.ProcessPlanner.DefaultUser"/>).</summary>
    private const uint AppUid = 1000;

    private string AppsRoot => Path.Combine(paths.Volumes, "apps");

    private string AppDirectory(long appId) => Path.Combine(AppsRoot, appId.ToString(CultureInfo.InvariantCulture));

    public string DirectoryOf(long appId, string name) =>
        StorageMount.NameProblem(name) is { } problem ? throw new ArgumentException(problem, nameof(name)) : Path.Combine(AppDirectory(appId), name);

    public async Task<VolumeMount> PrepareAsync(long appId, string image, StorageMount mount, CancellationToken ct)
    {
        var dir = (await EnsureAsync(appId, image, mount.Name, ct)).Path;
        return new VolumeMount(dir, mount.ContainerPath, mount.ReadOnly);
    }

    public async Task<(string Path, uint Uid, uint Gid)> EnsureAsync(long appId, string? image, string name, CancellationToken ct)
    {
        var dir = DirectoryOf(appId, name);
        if (!Directory.Exists(dir))
        {
            var owner = await OwnerAsync(image, ct);
            foreach (var parent in new[] { paths.Volumes, AppsRoot, AppDirectory(appId) })
            {
                Directory.CreateDirectory(parent);
                File.SetUnixFileMode(parent, Traversable);
            }
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, Private);
            LibC.Check(LibC.LChown(dir, owner.Uid, owner.Gid), "lchown", dir);
        }
        LibC.Check(LibC.Statx(LibC.AtFdCwd, dir, LibC.AtSymlinkNoFollow, LibC.StatxBasicStats, out var status), "statx", dir);
        return (dir, status.Uid, status.Gid);
    }

    public Task<long> SizeBytesAsync(long appId, CancellationToken ct) => Task.FromResult(DirectorySize.Of(AppDirectory(appId)));

    public Task DeleteAppAsync(long appId, CancellationToken ct)
    {
        // Links inside are removed, never followed (Directory.Delete does not descend through them).
        var dir = AppDirectory(appId);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The host ids of the image's user, as <see cref="Bundles.ProcessPlanner"/> picks it: "uid[:gid]" as written,
    /// the user namespace's root (never the host's) for "root", the stack's app user (uid 1000) for an image
    /// without USER and for other names (buildpack images run as 1000:1000).
    /// </summary>
    private async Task<(uint Uid, uint Gid)> OwnerAsync(string? image, CancellationToken ct)
    {
        var user = image is null ? null : (await images.FindAsync(image, ct))?.Config.User;
        var (userPart, groupPart) = user?.Split(':', 2) is [var u, var g] ? (u, g) : (user ?? "", null);
        uint uid = userPart is "root" ? 0 : uint.TryParse(userPart, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : AppUid;
        var gid = groupPart is not null && uint.TryParse(groupPart, NumberStyles.None, CultureInfo.InvariantCulture, out var gn) ? gn : uid;
        return runtime.ToHostIds(uid, gid);
    }
}
