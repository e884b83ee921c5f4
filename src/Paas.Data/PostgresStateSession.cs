using Npgsql;
using Paas.Core.Jobs;
using Paas.Core.State;
using Paas.Data.Stores;

namespace Paas.Data;

internal sealed class PostgresStateSession : IStateSession
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private readonly NpgsqlDataSource _source;

    public PostgresStateSession(NpgsqlDataSource source, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _source = source;
        _connection = connection;
        _transaction = transaction;
        var db = new Db(source, connection, transaction);
        Apps = new AppStore(db);
        Config = new ConfigStore(db);
        Domains = new DomainStore(db);
        Ports = new PortStore(db);
        Storage = new StorageStore(db);
        Formation = new FormationStore(db);
        Releases = new ReleaseStore(db);
        Users = new UserStore(db);
        Tokens = new TokenStore(db);
        Events = new EventStore(db);
        Settings = new SettingStore(db);
        AppSettings = new AppSettingStore(db);
        Builds = new BuildStore(db);
        SshKeys = new SshKeyStore(db);
        Instances = new InstanceStore(db);
        Deployments = new DeploymentStore(db);
        Certificates = new CertificateStore(db);
        Outbox = new JobOutboxStore(db);
        LoginThrottle = new LoginThrottleStore(db);
    }

    public IAppStore Apps { get; }
    public IConfigStore Config { get; }
    public IDomainStore Domains { get; }
    public IPortStore Ports { get; }
    public IStorageStore Storage { get; }
    public IFormationStore Formation { get; }
    public IReleaseStore Releases { get; }
    public IUserStore Users { get; }
    public ITokenStore Tokens { get; }
    public IEventStore Events { get; }
    public ISettingStore Settings { get; }
    public IAppSettingStore AppSettings { get; }
    public IBuildStore Builds { get; }
    public ISshKeyStore SshKeys { get; }
    public IInstanceStore Instances { get; }
    public IDeploymentStore Deployments { get; }
    public ICertificateStore Certificates { get; }
    public IJobOutboxStore Outbox { get; }
    public ILoginThrottleStore LoginThrottle { get; }

    public Task CommitAsync(CancellationToken ct) =>
        StateUnavailable.GuardAsync(_source, () => _transaction.CommitAsync(ct));

    /// <summary>
    /// Disposing an uncommitted Npgsql transaction rolls it back. On a connection the server already
    /// dropped there is nothing to roll back, and the failure that brought us here is the one to report.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        catch (Exception e) when (StateUnavailable.Is(e))
        {
        }
        await _connection.DisposeAsync();
    }
}
