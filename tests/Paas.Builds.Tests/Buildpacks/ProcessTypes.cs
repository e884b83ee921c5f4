namespace Paas.Builds.Tests.Buildpacks;

/// <summary>The web command an app runs with, as herokuish picks it: the Procfile's, else bin/release's default.</summary>
internal static class ProcessTypes
{
    public static string Web(string buildDir, string releaseYaml)
    {
        var procfile = Path.Combine(buildDir, "Procfile");
        if (File.Exists(procfile))
        {
            var web = File.ReadAllLines(procfile)
                .Where(line => !line.TrimStart().StartsWith('#'))
                .FirstOrDefault(line => line.StartsWith("web:", StringComparison.Ordinal));
            if (web is not null)
                return web["web:".Length..].Trim();
        }

        var lines = releaseYaml.Split('\n');
        var section = Array.FindIndex(lines, line => line.TrimEnd() == "default_process_types:");
        var defaultWeb = section < 0
            ? null
            : lines.Skip(section + 1).TakeWhile(line => line.StartsWith("  ", StringComparison.Ordinal))
                .FirstOrDefault(line => line.StartsWith("  web:", StringComparison.Ordinal));
        return defaultWeb?["  web:".Length..].Trim()
            ?? throw new InvalidOperationException($"no web process: no Procfile web line and none in bin/release:\n{releaseYaml}");
    }
}
