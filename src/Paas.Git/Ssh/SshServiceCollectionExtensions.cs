using Microsoft.Extensions.DependencyInjection;
using Paas.Core.Ssh;

namespace Paas.Git.Ssh;

public static class SshServiceCollectionExtensions
{
    /// <summary>SSH key checks (ssh-keygen) and the authorized_keys file sshd reads.</summary>
    public static IServiceCollection AddPaasSsh(this IServiceCollection services, SshAccessSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<ISshKeyInspector, SshKeygen>();
        services.AddSingleton<IAuthorizedKeys, AuthorizedKeysFile>();
        return services;
    }
}
