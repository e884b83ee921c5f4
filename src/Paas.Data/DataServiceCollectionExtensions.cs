using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Paas.Core.State;

namespace Paas.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>One <see cref="NpgsqlDataSource"/> for the process, and the state store over it.</summary>
    public static IServiceCollection AddPaasData(this IServiceCollection services, string connectionString)
    {
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton<IStateStore, PostgresStateStore>();
        return services;
    }
}
