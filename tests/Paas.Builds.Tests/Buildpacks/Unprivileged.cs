using Paas.Testing;

namespace Paas.Builds.Tests.Buildpacks;

/// <summary>
/// Runs buildpack scripts and apps as an unprivileged user with a clean environment, as the build
/// container does (uid 1000 there; `nobody` here, a uid no host account logs in with). When the
/// tests themselves run unprivileged, they run as that user.
/// </summary>
internal static class Unprivileged
{
    private const string User = "65534";

    /// <summary>The search path of the containers: without sbin, as an unprivileged login has.</summary>
    public const string SearchPath = "/usr/local/bin:/usr/bin:/bin";

    /// <summary>The program and arguments that run <paramref name="command"/> with exactly <paramref name="environment"/>.</summary>
    public static IReadOnlyList<string> Command(IReadOnlyDictionary<string, string> environment, params string[] command)
    {
        var line = new List<string>();
        if (Environment.IsPrivilegedProcess)
            line.AddRange(["setpriv", $"--reuid={User}", $"--regid={User}", "--clear-groups", "--"]);
        line.AddRange(["env", "-i", .. environment.Select(pair => $"{pair.Key}={pair.Value}"), .. command]);
        return line;
    }

    /// <summary>Hands a tree to the unprivileged user (nothing to do when the tests run unprivileged).</summary>
    public static async Task GiveAsync(string path)
    {
        if (Environment.IsPrivilegedProcess)
            await ProcessRunner.RunCheckedAsync("chown", "-R", $"{User}:{User}", path);
    }
}
