using Paas.Core.Jobs;

namespace Paas.Core.State;

/// <summary>
/// One transaction over the stores. Nothing is written unless <see cref="CommitAsync"/> is called;
/// disposing without commit rolls back, so a failed operation leaves nothing half-written.
/// </summary>
public interface IStateSession : IAsyncDisposable
{
    IAppStore Apps { get; }
    IConfigStore Config { get; }
    IDomainStore Domains { get; }
    IPortStore Ports { get; }
    IStorageStore Storage { get; }
    IFormationStore Formation { get; }
    IReleaseStore Releases { get; }
    IUserStore Users { get; }
    ITokenStore Tokens { get; }
    IEventStore Events { get; }
    ISettingStore Settings { get; }
    IAppSettingStore AppSettings { get; }
    IBuildStore Builds { get; }
    ISshKeyStore SshKeys { get; }
    IInstanceStore Instances { get; }
    IDeploymentStore Deployments { get; }
    ICertificateStore Certificates { get; }
    IJobOutboxStore Outbox { get; }
    ILoginThrottleStore LoginThrottle { get; }

    Task CommitAsync(CancellationToken ct);
}
