using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Paas.Engine.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>The sampler and the read operations; needs the metrics store (Data) and the stats reader (Runtime).</summary>
    public static IServiceCollection AddPaasMetrics(this IServiceCollection services, MetricsSettings settings)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton<MetricsSampler>();
        services.AddSingleton<MetricsOperations>();
        services.AddSingleton<PrometheusOperations>();
        return services;
    }
}
