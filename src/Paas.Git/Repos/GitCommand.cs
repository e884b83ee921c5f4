using System.Diagnostics;

namespace Paas.Git.Repos;

/// <summary>Runs a short git command to completion (init, config); its stderr goes into the error.</summary>
internal static class GitCommand
{
    public static async Task RunAsync(IEnumerable<string> arguments, CancellationToken ct)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        GitEnvironment.Apply(start.Environment, new Dictionary<string, string>());
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start git");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await stdout;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {(await stderr).Trim()}");
    }
}
