using Paas.Testing;

namespace Paas.Builds.Tests.Buildpacks;

internal static class ScriptResults
{
    /// <summary>Fails with the script's whole output unless it exited 0; returns its stdout.</summary>
    public static string Succeeded(this ProcessRunner.Result result)
    {
        Assert.True(result.ExitCode == 0,
            $"exited {result.ExitCode}\n--- stdout\n{result.StandardOutput}\n--- stderr\n{result.StandardError}");
        return result.StandardOutput;
    }

    /// <summary>Fails unless the script exited non-zero with a Heroku-style error on stderr; returns stderr.</summary>
    public static string FailedWithError(this ProcessRunner.Result result)
    {
        Assert.True(result.ExitCode != 0, $"exited 0\n--- stdout\n{result.StandardOutput}");
        Assert.Contains(" !     ", result.StandardError);
        return result.StandardError;
    }
}
