using System.Globalization;
using Paas.Core.Config;

namespace Paas.Builds.Workspaces;

/// <summary>
/// One build's dirs under $PAAS_ROOT/builds/&lt;build id&gt;: <c>source/</c> (the extracted commit, the
/// build dir, then the slug), <c>env/</c> (config vars as files), <c>driver/</c> (script and plan),
/// <c>results/</c> (what the driver reports) and <c>slug/</c> (the layer being packed). The
/// workspace itself is root's and not listable; it is 0711 rather than 0700 because runc, running
/// as the containers' unprivileged root, must traverse it to bind the dirs below.
/// </summary>
internal sealed class BuildWorkspace(string workspacesDirectory, long buildId)
{
    public string Root { get; } = Path.Combine(workspacesDirectory, buildId.ToString(CultureInfo.InvariantCulture));
    public string Source => Path.Combine(Root, "source");
    public string Env => Path.Combine(Root, "env");
    public string Driver => Path.Combine(Root, "driver");
    public string Results => Path.Combine(Root, "results");
    public string Slug => Path.Combine(Root, "slug");

    public bool Exists => Directory.Exists(Source);

    public void Create()
    {
        Directory.CreateDirectory(workspacesDirectory);
        File.SetUnixFileMode(workspacesDirectory, HostFiles.Traversable);
        HostFiles.CreateFresh(Root, HostFiles.Traversable);
        HostFiles.CreateFresh(Source, HostFiles.Public);
    }

    /// <summary>Hands the source tree to the build's user and writes env/ and results/ for it.</summary>
    public void PrepareForContainer(IReadOnlyDictionary<string, string> env, (uint Uid, uint Gid) buildUser)
    {
        HostFiles.ChownTree(Source, buildUser);
        WriteEnvDir(env, buildUser);
        HostFiles.CreateFresh(Results, HostFiles.Private);
        HostFiles.Chown(Results, buildUser);
        HostFiles.CreateFresh(Driver, HostFiles.Public);
    }

    public void Delete() => HostFiles.DeleteTree(Root);

    // Written while root's alone, handed over read-only: the values may be secrets.
    private void WriteEnvDir(IReadOnlyDictionary<string, string> env, (uint Uid, uint Gid) buildUser)
    {
        HostFiles.CreateFresh(Env, HostFiles.Private);
        foreach (var (key, value) in env)
        {
            if (!ConfigKey.IsValid(key)) throw new ArgumentException($"config key '{key}' cannot be an env dir file name", nameof(env));
            var file = Path.Combine(Env, key);
            File.WriteAllText(file, value); // exactly the value: no newline added
            File.SetUnixFileMode(file, UnixFileMode.UserRead);
            HostFiles.Chown(file, buildUser);
        }

        File.SetUnixFileMode(Env, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        HostFiles.Chown(Env, buildUser);
    }
}
