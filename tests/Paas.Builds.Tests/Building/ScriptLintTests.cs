using System.Diagnostics;
using Paas.Testing;

namespace Paas.Builds.Tests.Building;

/// <summary>The shell this project ships (the build driver, the slug's launcher) and its fixture buildpacks pass shellcheck.</summary>
public sealed class ScriptLintTests
{
    [Fact]
    public async Task Scripts_AreShellcheckClean()
    {
        Assert.True(File.Exists("/usr/bin/shellcheck"), "shellcheck missing: apt-get install shellcheck (tests/run.sh does)");
        var root = RepositoryRoot.Find();
        var builds = Path.Combine(root, "src", "Paas.Builds");
        string[] scripts =
        [
            Path.Combine(builds, "Driver", "build-driver.sh"),
            .. Directory.GetFiles(Path.Combine(builds, "Slugs", "Launcher")),
            .. Directory.GetFiles(Path.Combine(root, "tests", "Paas.Builds.Tests", "Fixtures"), "*", SearchOption.AllDirectories),
        ];
        Assert.True(scripts.Length >= 20, $"only {scripts.Length} scripts found");

        // -x: the launcher's `source profile.sh` is followed from its own dir.
        var psi = new ProcessStartInfo("/usr/bin/shellcheck") { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = Path.Combine(builds, "Slugs", "Launcher") };
        foreach (var argument in new[] { "-x", "--" }.Concat(scripts)) psi.ArgumentList.Add(argument);
        using var process = Process.Start(psi)!;
        var report = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, report);
    }
}
