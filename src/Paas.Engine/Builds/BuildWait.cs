namespace Paas.Engine.Builds;

/// <summary>Why a build waits: the app's build <see cref="AppBuild"/> runs, or <see cref="HostBuilds"/> builds fill the host's limit.</summary>
public sealed record BuildWait(long? AppBuild, int? HostBuilds);
