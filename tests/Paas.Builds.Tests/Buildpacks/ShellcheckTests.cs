using Paas.Testing;

namespace Paas.Builds.Tests.Buildpacks;

public sealed class ShellcheckTests
{
    [Fact]
    public async Task EveryBuildpackScript_PassesShellcheck()
    {
        var scripts = ShellScripts().ToList();
        Assert.NotEmpty(scripts);

        // -x follows the `source`d lib/common.sh (its path is given by a source-path directive).
        var result = await ProcessRunner.RunAsync("shellcheck", ["-x", .. scripts]);

        Assert.True(result.ExitCode == 0, $"shellcheck exited {result.ExitCode}:\n{result.StandardOutput}{result.StandardError}");
    }

    [Fact]
    public void CommonLibraryCopies_AreIdentical()
    {
        // Each buildpack is self-contained, so the shared helpers are copied; they must not drift.
        var copies = Directory.EnumerateFiles(BuiltInBuildpacks.Directory, "common.sh", SearchOption.AllDirectories).ToList();
        Assert.True(copies.Count >= 2, string.Join(", ", copies));
        var first = File.ReadAllText(copies[0]);
        Assert.All(copies, copy => Assert.True(File.ReadAllText(copy) == first, $"{copy} differs from {copies[0]}"));
    }

    /// <summary>Every file under buildpacks/ that starts with a bash shebang.</summary>
    private static IEnumerable<string> ShellScripts() =>
        Directory.EnumerateFiles(BuiltInBuildpacks.Directory, "*", SearchOption.AllDirectories)
            .Where(file => File.ReadLines(file).FirstOrDefault() is "#!/usr/bin/env bash" or "#!/bin/bash")
            .Order(StringComparer.Ordinal);
}
