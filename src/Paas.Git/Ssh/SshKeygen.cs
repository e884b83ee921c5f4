using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Paas.Core.Errors;
using Paas.Core.Ssh;

namespace Paas.Git.Ssh;

/// <summary>
/// <c>ssh-keygen -l -E sha256 -f -</c> with the key on stdin: OpenSSH parses the key material, so paas stores
/// only keys sshd will accept, with the fingerprint sshd logs. The key never reaches a command line.
/// </summary>
public sealed class SshKeygen : ISshKeyInspector
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<SshKeyFingerprint> InspectAsync(SshPublicKey key, CancellationToken ct)
    {
        var start = new ProcessStartInfo("ssh-keygen")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-l", "-E", "sha256", "-f", "-" })
            start.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("ssh-keygen did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("ssh-keygen cannot be run (apt-get install openssh-client): " + e.Message, e);
        }
        using (process)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(Timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            await process.StandardInput.WriteAsync((key.Line + "\n").AsMemory(), deadline.Token);
            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw;
            }
            var output = (await stdout).Trim();
            if (process.ExitCode != 0)
                throw new ValidationException("key", $"OpenSSH does not accept this {key.Type} key ({(await stderr).Trim()}): give the line of the .pub file unchanged");
            return Parse(output);
        }
    }

    /// <summary>"256 SHA256:AbC... comment (ED25519)".</summary>
    private static SshKeyFingerprint Parse(string output)
    {
        var fields = output.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            || !fields[1].StartsWith("SHA256:", StringComparison.Ordinal))
            throw new InvalidOperationException($"ssh-keygen printed an unexpected fingerprint line: {output}");
        return new SshKeyFingerprint(bits, fields[1]);
    }
}
