using Paas.Core.Networking;

namespace Paas.Runtime.Network;

/// <summary>Named network namespaces (<c>ip netns</c>), bind-mounted under /run/netns so they outlive any process.</summary>
internal static class NetworkNamespaces
{
    public const string Directory = "/run/netns";

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static bool Exists(string name) => File.Exists(PathOf(name));

    public static async Task CreateAsync(string name, CancellationToken ct)
    {
        var result = await NetworkProcess.RunAsync("ip", ["netns", "add", name], null, null, ct);
        if (result.ExitCode != 0)
        {
            throw new ContainerNetworkException($"ip netns add {name} failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }
    }

    /// <summary>Deleting the namespace also deletes the interfaces inside it (lo, eth0 and so its veth peer).</summary>
    public static async Task DeleteAsync(string name, CancellationToken ct)
    {
        if (!Exists(name))
        {
            return;
        }
        var result = await NetworkProcess.RunAsync("ip", ["netns", "delete", name], null, null, ct);
        if (result.ExitCode != 0 && Exists(name))
        {
            throw new ContainerNetworkException($"ip netns delete {name} failed (exit {result.ExitCode}): {result.Stderr.Trim()}");
        }
    }
}
