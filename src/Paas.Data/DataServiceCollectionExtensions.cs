using Microsoft.Extensions.DependencyInjection;
using Paas.Core.Metrics;
using Paas.Core.State;
using Paas.Data.Jobs;
using Paas.Data.Metrics;

namespace Paas.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>One Npgsql data source for the process (see <see cref="StateDataSource"/>), and the state store over it.</summary>
    public static IServiceCollection AddPaasData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => StateDataSource.Create(connectionString));
        services.AddSingleton<IStateStore, PostgresStateStore>();
        services.AddSingleton<IStateChanges, PostgresStateChanges>();
        services.AddSingleton<IAppLocks, AppAdvisoryLocks>();
        services.AddSingleton<IMetricsStore, PostgresMetricsStore>();
        return services;
    }

    /// <summary>Hangfire's storage in the same database (schema "hangfire"); made without touching the database.</summary>
    public static IServiceCollection AddPaasJobStorage(this IServiceCollection services, string connectionString, JobStorageSettings settings)
    {
        services.AddSingleton(_ => JobStorageFactory.Create(connectionString, settings));
        return services;
    }
}
