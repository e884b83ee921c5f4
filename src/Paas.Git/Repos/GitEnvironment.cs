namespace Paas.Git.Repos;

/// <summary>
/// The environment git runs with: nothing inherited from paasd (its settings, database string)
/// and no user or system gitconfig, so only the repo's own config and our -c options apply.
/// </summary>
internal static class GitEnvironment
{
    private const string Path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>What the hooks' `paas` (a .NET program) needs to start, passed on when paasd has it.</summary>
    private static readonly string[] Inherited = ["DOTNET_ROOT", "LANG", "TZ"];

    public static void Apply(IDictionary<string, string?> environment, IReadOnlyDictionary<string, string> extra)
    {
        var inherited = Inherited
            .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
            .Where(v => !string.IsNullOrEmpty(v.value))
            .ToList();
        environment.Clear();
        environment["PATH"] = Path;
        environment["HOME"] = "/nonexistent";
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (name, value) in inherited) environment[name] = value;
        foreach (var (name, value) in extra) environment[name] = value;
    }
}
