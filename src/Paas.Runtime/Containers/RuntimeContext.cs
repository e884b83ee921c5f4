using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.Networking;
using Paas.Runtime.Cgroups;
using Paas.Runtime.Monitor;
using Paas.Runtime.Oci;

namespace Paas.Runtime.Containers;

/// <summary>The collaborators every container operation needs, resolved once.</summary>
public sealed class RuntimeContext
{
    public RuntimeContext(RuntimePaths paths, IImageStore images, IContainerNetwork? network, ContainerRuntimeOptions options, TimeProvider time)
    {
        Paths = paths;
        Images = images;
        Network = network;
        Options = options;
        Time = time;
        VolatileStateMount.Ensure(paths.Run);
        Cgroups = CgroupHierarchy.Detect();
        Oci = new OciRuntime(RuntimeSelector.Select(options.Runtime, Cgroups), paths.RuntimeState);
        Monitor = new ConmonMonitor(options.ConmonPath, Oci);
    }

    public RuntimePaths Paths { get; }
    public IImageStore Images { get; }
    public IContainerNetwork? Network { get; }
    public ContainerRuntimeOptions Options { get; }
    public TimeProvider Time { get; }
    public ICgroupHierarchy Cgroups { get; }
    public OciRuntime Oci { get; }
    public ConmonMonitor Monitor { get; }

    public IReadOnlyList<string> AllowedVolumeRoots => [Paths.Volumes, .. Options.AllowedVolumeRoots];

    public ContainerDirectory Dir(string id) => new(Paths, id);
}
