using System.Diagnostics;
using System.Text;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>Runs the published <c>paas</c> executable as a user's shell would, with only the PAAS_* variables given.</summary>
public static class PaasProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static async Task<PaasResult> RunAsync(
        string binDirectory, IReadOnlyDictionary<string, string> environment, string? stdin, params string[] args)
    {
        var executable = Path.Combine(binDirectory, "paas");
        if (!File.Exists(executable))
            throw new InvalidOperationException($"{executable} does not exist: publish src/Paas.Cli there (tests/run.sh does)");

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The machine's own settings must not decide where a test's CLI connects.
        foreach (var name in new[] { "PAAS_SOCKET", "PAAS_URL", "PAAS_TOKEN", "PAAS_CA_CERT", "SSL_CERT_FILE", "SSL_CERT_DIR" })
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"could not start {executable}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        }
        catch (IOException)
        {
            // paas may exit before reading its input (a usage error); its exit code tells the story.
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
        return new PaasResult(process.ExitCode, await stdout, await stderr);
    }
}
