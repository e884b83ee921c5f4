using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Core.Networking;
using Paas.Core.Stacks;
using Paas.Core.Storage;
using Paas.Runtime.Cgroups;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Runtime.Logs;
using Paas.Runtime.Network;
using Paas.Runtime.Stacks;

namespace Paas.Runtime;

/// <summary>Registers the local container runtime: images, stacks, network, containers and logs under one root.</summary>
public static class RuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddPaasRuntime(
        this IServiceCollection services,
        RuntimePaths paths,
        NetworkSettings? network = null,
        ContainerRuntimeOptions? containers = null,
        LogRotationOptions? logs = null,
        ImageLimits? imageLimits = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(paths);
        services.TryAddSingleton(network ?? new NetworkSettings());
        services.TryAddSingleton(containers ?? new ContainerRuntimeOptions());
        services.TryAddSingleton(logs ?? new LogRotationOptions());
        services.TryAddSingleton(imageLimits ?? new ImageLimits());

        // Layers are stored shifted into the containers' user namespace: the store must know it.
        services.TryAddSingleton<IImageStore>(sp => new OciImageStore(
            paths, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ImageLimits>(),
            sp.GetRequiredService<ContainerRuntimeOptions>().UserNamespace));
        services.TryAddSingleton<IStackStore>(sp => new StackStore(paths, sp.GetRequiredService<IImageStore>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IContainerNetwork>(sp => new CniContainerNetwork(sp.GetRequiredService<NetworkSettings>(), paths.Cni));
        services.TryAddSingleton<IContainerRuntime>(sp => new ContainerRuntime(
            paths,
            sp.GetRequiredService<IImageStore>(),
            sp.GetRequiredService<ContainerRuntimeOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IContainerNetwork>()));
        services.TryAddSingleton<IAppVolumes>(sp => new Volumes.AppVolumeDirectories(
            paths, sp.GetRequiredService<IContainerRuntime>(), sp.GetRequiredService<IImageStore>()));
        services.TryAddSingleton<IContainerStatsReader>(sp => new CgroupStatsReader(paths, CgroupHierarchy.Detect(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ILogStore>(_ => new FileLogStore(paths));
        services.TryAddSingleton<IPlatformLog>(sp => new PlatformLogFile(paths, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new LogRotator(paths, sp.GetRequiredService<LogRotationOptions>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
