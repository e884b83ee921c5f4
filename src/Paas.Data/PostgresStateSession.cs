using Npgsql;
using Paas.Core.State;
using Paas.Data.Stores;

namespace Paas.Data;

internal sealed class PostgresStateSession : IStateSession
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    public PostgresStateSession(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        var db = new Db(connection, transaction);
        Apps = new AppStore(db);
        Config = new ConfigStore(db);
        Domains = new DomainStore(db);
        Ports = new PortStore(db);
        Formation = new FormationStore(db);
        Releases = new ReleaseStore(db);
        Users = new UserStore(db);
        Tokens = new TokenStore(db);
        Events = new EventStore(db);
        Settings = new SettingStore(db);
    }

    public IAppStore Apps { get; }
    public IConfigStore Config { get; }
    public IDomainStore Domains { get; }
    public IPortStore Ports { get; }
    public IFormationStore Formation { get; }
    public IReleaseStore Releases { get; }
    public IUserStore Users { get; }
    public ITokenStore Tokens { get; }
    public IEventStore Events { get; }
    public ISettingStore Settings { get; }

    public async Task CommitAsync(CancellationToken ct)
    {
        await _transaction.CommitAsync(ct);
    }

    /// <summary>Disposing an uncommitted Npgsql transaction rolls it back.</summary>
    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
