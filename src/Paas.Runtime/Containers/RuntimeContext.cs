using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.Networking;
using Paas.Runtime.Cgroups;
using Paas.Runtime.Images;
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
        // Layers are stored shifted for one mapping: a store shifted for another (or none) would
        // give containers a root dir they do not own.
        if (images is OciImageStore store && store.UserNamespace != options.UserNamespace)
            throw new ArgumentException(
                $"the image store's user namespace ({store.UserNamespace?.ToString() ?? "none"}) differs from the runtime's " +
                $"({options.UserNamespace?.ToString() ?? "none"}): build both from the same ContainerRuntimeOptions.UserNamespace", nameof(images));
        VolatileStateMount.Ensure(paths.Run);
        RuntimeDirectories.Secure(paths, options.UserNamespace);
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
