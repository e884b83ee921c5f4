using System.Diagnostics;

namespace Paas.Runtime.Tests.Network;

/// <summary>Runs host tools (ip, iptables-save, nft) for assertions and cleanup.</summary>
internal static class HostTool
{
    public sealed record Output(int ExitCode, string Stdout, string Stderr);

    public static async Task<Output> RunAsync(string file, params string[] arguments)
    {
        var psi = new ProcessStartInfo(Resolve(file))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new Output(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<string> OutputOfAsync(string file, params string[] arguments)
    {
        var output = await RunAsync(file, arguments);
        Assert.True(output.ExitCode == 0, $"{file} {string.Join(' ', arguments)} failed: {output.Stderr}");
        return output.Stdout;
    }

    public static string Resolve(string file)
    {
        foreach (var dir in new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" })
        {
            if (File.Exists(Path.Combine(dir, file)))
            {
                return Path.Combine(dir, file);
            }
        }
        return file;
    }
}
