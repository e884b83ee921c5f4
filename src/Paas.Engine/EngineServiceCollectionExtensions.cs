using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Paas.Engine.Apps;
using Paas.Engine.Builds;
using Paas.Engine.Certificates;
using Paas.Engine.Cleanup;
using Paas.Engine.Cron;
using Paas.Engine.Checks;
using Paas.Engine.Config;
using Paas.Engine.Deploys;
using Paas.Engine.Events;
using Paas.Engine.Formation;
using Paas.Engine.Git;
using Paas.Engine.Images;
using Paas.Engine.Jobs;
using Paas.Engine.Logs;
using Paas.Engine.Operations;
using Paas.Engine.Releases;
using Paas.Engine.Routing;
using Paas.Engine.Ssh;
using Paas.Engine.Stacks;
using Paas.Engine.Tokens;
using Paas.Engine.Users;

namespace Paas.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>The operations every front end calls. Needs the state store and the runtime ports (stacks, images, logs).</summary>
    public static IServiceCollection AddPaasEngine(this IServiceCollection services, EngineSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<StateHealth>();
        services.AddSingleton<StateOperation>();
        services.AddSingleton<AppOperations>();
        services.AddSingleton<ConfigOperations>();
        services.AddSingleton<DomainOperations>();
        services.AddSingleton<PortOperations>();
        services.AddSingleton<Storage.StorageOperations>();
        services.AddSingleton<Storage.AppStorage>();
        services.AddSingleton<FormationOperations>();
        services.AddSingleton<ReleaseOperations>();
        services.AddSingleton<TokenOperations>();
        services.AddSingleton<EventOperations>();
        services.AddSingleton<StackOperations>();
        services.AddSingleton<ImageOperations>();
        services.AddSingleton<LogOperations>();
        services.AddSingleton<BuildSlots>();
        services.AddSingleton<RunningBuilds>();
        services.AddSingleton<Predeploy>();
        services.AddSingleton<AppJsonEnvStep>();
        services.AddSingleton<BuildPipeline>();
        services.AddSingleton<BuildOperations>();
        services.AddSingleton<InterruptedBuilds>();
        services.AddSingleton<AppBuildData>();
        services.AddSingleton<GitOperations>();
        services.AddSingleton<PushRegistry>();
        services.AddSingleton<PushReceiver>();
        services.AddSingleton<SshKeyOperations>();
        services.AddSingleton<UserOperations>();
        services.AddSingleton<GrantOperations>();
        services.AddSingleton<LoginOperations>();
        services.AddSingleton<CredentialChanges>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InstanceLauncher>();
        services.AddSingleton<InstanceChecks>();
        services.AddSingleton<OneOffRunner>();
        services.AddSingleton<RoutingTableBuilder>();
        services.AddSingleton<RoutingTableWriter>();
        services.AddSingleton<Scheduler>();
        services.AddSingleton<Deployer>();
        services.AddSingleton<ProcessOperations>();
        services.AddSingleton<RollbackOperations>();
        services.AddSingleton<CertificateOperations>();
        services.AddSingleton<RunOperations>();
        services.AddSingleton<CheckRunOperations>();
        services.AddSingleton<CheckOperations>();
        services.AddSingleton<HealthChecker>();
        services.AddSingleton<Checks.Running.CheckOutcomeRecorder>();
        services.AddSingleton<Checks.Running.RunningCheckMonitor>();
        services.AddSingleton<AppDiskUsage>();
        // Jobs (Hangfire activates them from here) and what enqueues them; Hangfire's client and storage come from the host.
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<RecurringJobs>();
        services.AddSingleton<ImageRetentionJob>();
        services.AddSingleton<HostCleanupJob>();
        services.AddSingleton<CronRegistrar>();
        services.AddSingleton<CronRunJob>();
        services.AddSingleton<CronOperations>();
        return services;
    }
}
