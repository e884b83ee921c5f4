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

    public async Task InitializeAsync()
    {
        Assert.True(Environment.UserName == "root", "build tests run containers (overlays, cgroups): run them as root");
        foreach (var tool in new[] { "/usr/bin/conmon", "/usr/bin/tini-static", "/usr/bin/git", "/usr/bin/bash" })
            Assert.True(File.Exists(tool), $"{tool} missing: apt-get install conmon tini git (tests/run.sh does)");
        Images = new OciImageStore(Paths, TimeProvider.System, userNamespace: UserNamespace);
        await new StackStore(Paths, Images).CreateAsync("host", StackSource.Host, CancellationToken.None);
        CopyFixtureBuildpacks();
    }

    public BuildRunnerOptions Options(NetworkMode network = NetworkMode.None) => new(Paths.Root)
    {
        BuildpacksDirectory = BuiltinBuildpacks,
        Network = network,
        WellKnownCloneTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>As paasd makes it: the build runner's dirs allowed as volume sources. Dispose it.</summary>
    public ContainerRuntime Runtime(IContainerNetwork? network = null) =>
        new(Paths, Images, new ContainerRuntimeOptions { AllowedVolumeRoots = Options().VolumeRoots, UserNamespace = UserNamespace },
            TimeProvider.System, network);

    public Task DisposeAsync()
    {
        HostRootCleanup.Remove(Paths);
        _root.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Like /opt/paas/buildpacks: root's files, readable and executable by the containers' users.</summary>
    private void CopyFixtureBuildpacks()
    {
        var source = Path.Combine(RepositoryRoot.Find(), "tests", "Paas.Builds.Tests", "Fixtures", "buildpacks");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(BuiltinBuildpacks, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, FixtureFiles.Executable);
        }

        foreach (var dir in Directory.EnumerateDirectories(BuiltinBuildpacks, "*", SearchOption.AllDirectories).Append(BuiltinBuildpacks))
            File.SetUnixFileMode(dir, FixtureFiles.Executable);
    }
}
