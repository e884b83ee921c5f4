using Microsoft.Extensions.DependencyInjection;
using Paas.Core.State;

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
        return services;
    }
}
