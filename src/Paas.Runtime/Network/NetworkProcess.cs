using System.Diagnostics;

namespace Paas.Runtime.Network;

/// <summary>Runs the host tools and CNI plugins networking needs, without a shell.</summary>
internal static class NetworkProcess
{
    /// <summary>
    /// Plugins look up iptables, ip6tables and friends through PATH; a daemon or test runner
    /// may have been started with a PATH that lacks the sbin directories.
    /// </summary>
    private static readonly string SearchPath = string.Join(':',
        new[] { Environment.GetEnvironmentVariable("PATH") ?? "", "/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin" }
            .SelectMany(p => p.Split(':', StringSplitOptions.RemoveEmptyEntries))
            .Distinct());

    public static async Task<ProcessOutput> RunAsync(
        string file,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        string? stdin,
        CancellationToken ct)
    {
        var psi = new ProcessStartInfo(Resolve(file))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        psi.Environment["PATH"] = SearchPath;
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                psi.Environment[key] = value;
            }
        }

        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException($"cannot run {psi.FileName}: {e.Message}", psi.FileName, e);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), ct);
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            KillQuietly(process);
            throw;
        }
        return new ProcessOutput(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Absolute path of a tool: names without a slash are looked up in <see cref="SearchPath"/>.</summary>
    public static string Resolve(string file)
    {
        if (file.Contains('/'))
        {
            return file;
        }
        foreach (var dir in SearchPath.Split(':'))
        {
            var candidate = Path.Combine(dir, file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return file;
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
