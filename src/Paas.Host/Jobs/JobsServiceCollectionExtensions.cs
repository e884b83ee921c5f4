using Hangfire;
using Paas.Data;
using Paas.Data.Jobs;
using Paas.Host.Configuration;

namespace Paas.Host.Jobs;

/// <summary>
/// Hangfire in paasd (DESIGN §3/§4): the storage in the state database (schema "hangfire"), the
/// client the Engine enqueues with, and <see cref="JobServices"/> (the server and the outbox
/// dispatcher). Nothing here touches the database at start: the schema is installed and the server
/// started in the background, and Hangfire's processes retry while PostgreSQL is down, so paasd
/// answers at once either way.
/// </summary>
public static class JobsServiceCollectionExtensions
{
    public static IServiceCollection AddPaasJobs(this IServiceCollection services, PaasSettings settings)
    {
        services.AddPaasJobStorage(settings.Database, JobStorageSettings.Default);
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        services.AddSingleton<JobSchemaStatus>();
        services.AddHostedService<JobServices>();
        return services;
    }
}
