using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paas.Builds.Logs;
using Paas.Core.Builds;

namespace Paas.Builds;

/// <summary>Registers the buildpack build runner and the build logs; the container runtime and image store come from AddPaasRuntime.</summary>
public static class BuildsServiceCollectionExtensions
{
    public static IServiceCollection AddPaasBuilds(this IServiceCollection services, BuildRunnerOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton<BuildRunner>();
        services.TryAddSingleton<IBuildRunner>(sp => sp.GetRequiredService<BuildRunner>());
        services.TryAddSingleton<IBuildLogStore>(new FileBuildLogStore(Path.Combine(options.Root, "build-logs")));
        return services;
    }
}
