using System.Diagnostics;
using System.Text;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>Runs the published <c>paas</c> with bytes on stdin and stdout, as a pipe or redirection would carry an archive.</summary>
public static class PaasBinaryProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<(int ExitCode, byte[] Stdout, string Stderr)> RunAsync(
        string binDirectory, string socketPath, byte[]? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(binDirectory, "paas"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var name in new[] { "PAAS_URL", "PAAS_TOKEN" })
            start.Environment.Remove(name);
        start.Environment["PAAS_SOCKET"] = socketPath;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start paas");
        var stdout = new MemoryStream();
        var copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null) await process.StandardInput.BaseStream.WriteAsync(stdin);
        }
        catch (IOException)
        {
            // paas may stop reading early (a refused archive); its exit code tells the story.
        }
        finally
        {
            process.StandardInput.Close();
        }

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"paas {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s");
        }
        await copyOut;
        return (process.ExitCode, stdout.ToArray(), await stderr);
    }
}
