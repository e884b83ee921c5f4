using System.Diagnostics;

namespace Paas.Runtime.Tests.Images;

/// <summary>Runs a host tool (mount, umount, runc) and returns its output; a non-zero exit fails with it.</summary>
public static class Tool
{
    public static string Run(string file, params string[] arguments) => RunWithExit(file, arguments) switch
    {
        (0, var output) => output,
        var (code, output) => throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {code}: {output}"),
    };

    public static (int ExitCode, string Output) RunWithExit(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
