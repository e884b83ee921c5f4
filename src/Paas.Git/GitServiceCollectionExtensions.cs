using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Paas.Core.Git;
using Paas.Git.Extraction;
using Paas.Git.Repos;
using Paas.Git.Transport;

namespace Paas.Git;

/// <summary>Registers the apps' repos, git's server side with the platform's hooks, and source extraction.</summary>
public static class GitServiceCollectionExtensions
{
    public static IServiceCollection AddPaasGit(this IServiceCollection services, GitOptions options)
    {
        services.TryAddSingleton(options);
        services.TryAddSingleton<IRepoStore>(sp => new RepoStore(sp.GetRequiredService<GitOptions>()));
        services.TryAddSingleton(sp => new GitTransport(sp.GetRequiredService<GitOptions>(), sp.GetRequiredService<ILogger<GitTransport>>()));
        services.TryAddSingleton<IGitTransport>(sp => sp.GetRequiredService<GitTransport>());
        services.TryAddSingleton<ISourceExtractor>(sp => new SourceExtractor(sp.GetRequiredService<GitOptions>()));
        return services;
    }
}
