using Paas.Core.Containers;
using Paas.Core.Limits;

namespace Paas.Builds;

/// <summary>
/// Where builds keep their files and how build containers run. <see cref="Root"/> is $PAAS_ROOT:
/// workspaces go to builds/&lt;build id&gt;, caches to cache/&lt;app id&gt;. The container runtime must allow
/// <see cref="VolumeRoots"/> as volume sources.
/// </summary>
public sealed record BuildRunnerOptions(string Root)
{
    public string WorkspacesDirectory => Path.Combine(Root, "builds");
    public string CacheDirectory => Path.Combine(Root, "cache");

    /// <summary>The built-in buildpacks (NN-name/bin/{detect,compile,release}), tried in directory-name order.</summary>
    public string BuildpacksDirectory { get; init; } = "/opt/paas/buildpacks";

    /// <summary>Limits a build's own request leaves unset fall back to these (DESIGN §5: 2 GiB, all CPUs, 2048 pids).</summary>
    public ResourceLimits Limits { get; init; } = ResourceLimits.BuildDefaults;

    /// <summary>Bridge (with the runtime's outbound NAT, so npm and apt work) unless tests say otherwise.</summary>
    public NetworkMode Network { get; init; } = NetworkMode.Bridge;

    /// <summary>
    /// How long cloning a well-known Heroku/Dokku buildpack may take before its built-in equivalent
    /// is used instead (a host without GitHub access should not wait out the build timeout).
    /// </summary>
    public TimeSpan WellKnownCloneTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> VolumeRoots => [WorkspacesDirectory, CacheDirectory, BuildpacksDirectory];
}
