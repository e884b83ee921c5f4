using Microsoft.Extensions.DependencyInjection;
using Paas.Engine.Apps;
using Paas.Engine.Builds;
using Paas.Engine.Config;
using Paas.Engine.Events;
using Paas.Engine.Formation;
using Paas.Engine.Git;
using Paas.Engine.Images;
using Paas.Engine.Logs;
using Paas.Engine.Operations;
using Paas.Engine.Releases;
using Paas.Engine.Routing;
using Paas.Engine.Ssh;
using Paas.Engine.Stacks;
using Paas.Engine.Tokens;

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
        services.AddSingleton<FormationOperations>();
        services.AddSingleton<ReleaseOperations>();
        services.AddSingleton<TokenOperations>();
        services.AddSingleton<EventOperations>();
        services.AddSingleton<StackOperations>();
        services.AddSingleton<ImageOperations>();
        services.AddSingleton<LogOperations>();
        services.AddSingleton<BuildOperations>();
        services.AddSingleton<GitOperations>();
        services.AddSingleton<SshKeyOperations>();
        services.AddSingleton<PushRegistry>();
        services.AddSingleton<PushReceiver>();
        return services;
    }
}
