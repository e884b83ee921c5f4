using System.Globalization;
using Paas.Builds.Workspaces;

namespace Paas.Builds.Cache;

/// <summary>
/// Per-app build caches under $PAAS_ROOT/cache/&lt;app id&gt; (ids: a new app of an old name starts
/// cold), owned by the build user so buildpacks can write them, kept between builds.
/// </summary>
internal sealed class BuildCache(string cacheDirectory)
{
    public string For(long appId) => Path.Combine(cacheDirectory, appId.ToString(CultureInfo.InvariantCulture));

    public string Ensure(long appId, (uint Uid, uint Gid) buildUser)
    {
        Directory.CreateDirectory(cacheDirectory);
        File.SetUnixFileMode(cacheDirectory, HostFiles.Traversable);
        var dir = For(appId);
        if (new FileInfo(dir).LinkTarget is not null) HostFiles.DeleteTree(dir);
        if (!Directory.Exists(dir))
        {
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, HostFiles.Private);
        }

        HostFiles.Chown(dir, buildUser);
        return dir;
    }

    /// <summary>Empties the app's cache; the dir itself goes too and is made again by the next build.</summary>
    public void Purge(long appId) => HostFiles.DeleteTree(For(appId));
}
