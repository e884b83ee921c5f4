using Paas.Builds;
using Paas.Core.Containers;
using Paas.Core.Networking;
using Paas.Core.Stacks;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Stacks;
using Paas.Runtime.UserNamespaces;
using Paas.Testing;

namespace Paas.Builds.Tests.Support;

/// <summary>
/// A fresh $PAAS_ROOT with the real image store and runtime in the containers' user namespace, the
/// `host` stack (the host's /usr: bash, git, coreutils) and this project's fixture buildpacks as
/// the built-ins. Disposal removes every container, mount, cgroup and file it made.
/// </summary>
public sealed class BuildHost : IAsyncLifetime
{
    public const string HostStack = "stack/host";

    private readonly TestDirectory _root = new("paas-build-test-");

    public RuntimePaths Paths => new(_root.Path);
    public UserNamespaceMapping UserNamespace { get; } = TestUserNamespace.Mapping;
    public OciImageStore Images { get; private set; } = null!;
    public string BuiltinBuildpacks => _root.Combine("buildpacks");

    /// <summary>The repo's real built-in buildpacks (buildpacks/), copied as the install script ships them.</summary>
    public string RealBuildpacks => _root.Combine("real-buildpacks");

    public async Task InitializeAsync()
    {
        Assert.True(Environment.UserName == "root", "build tests run containers (overlays, cgroups): run them as root");
        foreach (var tool in new[] { "/usr/bin/conmon", "/usr/bin/tini-static", "/usr/bin/git", "/usr/bin/bash" })
            Assert.True(File.Exists(tool), $"{tool} missing: apt-get install conmon tini git (tests/run.sh does)");
        Images = new OciImageStore(Paths, TimeProvider.System, userNamespace: UserNamespace);
        await new StackStore(Paths, Images).CreateAsync("host", StackSource.Host, CancellationToken.None);
        CopyTree(FixtureFiles.Path("buildpacks"), BuiltinBuildpacks);
        CopyTree(Path.Combine(RepositoryRoot.Find(), "buildpacks"), RealBuildpacks);
    }

    public BuildRunnerOptions Options(NetworkMode network = NetworkMode.None, string? buildpacks = null) => new(Paths.Root)
    {
        BuildpacksDirectory = buildpacks ?? BuiltinBuildpacks,
        Network = network,
        WellKnownCloneTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>As paasd makes it: the build runner's dirs allowed as volume sources. Dispose it.</summary>
    public ContainerRuntime Runtime(BuildRunnerOptions options, IContainerNetwork? network = null) =>
        new(Paths, Images, new ContainerRuntimeOptions { AllowedVolumeRoots = options.VolumeRoots, UserNamespace = UserNamespace },
            TimeProvider.System, network);

    public Task DisposeAsync()
    {
        HostRootCleanup.Remove(Paths);
        _root.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Like /opt/paas/buildpacks: root's files, readable and executable by the containers' users.</summary>
    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, FixtureFiles.Executable);
        }

        foreach (var dir in Directory.EnumerateDirectories(target, "*", SearchOption.AllDirectories).Append(target))
            File.SetUnixFileMode(dir, FixtureFiles.Executable);
    }
}
