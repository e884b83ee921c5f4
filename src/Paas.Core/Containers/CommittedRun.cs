using Paas.Core.Images;

namespace Paas.Core.Containers;

/// <summary>A run's final state, and the image its changes were committed to (none unless it exited 0).</summary>
public sealed record CommittedRun(ContainerInfo Exit, Image? Image);
