using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Paas.Core.Ssh;

namespace Paas.Git.Ssh;

/// <summary>
/// The paas user's authorized_keys, written whole from the state: a temp file beside it (0600, the user's),
/// fsynced, then renamed over it, so sshd never reads a half-written file. Every line forces
/// <c>paas ssh-command KEYID</c> and <c>restrict</c> (no forwarding of any kind, no ~/.ssh/rc), so a key can do
/// nothing but what that command allows; the key id tells paasd whose key logged in. <c>pty</c> alone is given
/// back: `ssh -t paas@HOST run APP bash` needs a terminal, and the forced command is all it can reach.
/// </summary>
public sealed partial class AuthorizedKeysFile(SshAccessSettings settings, ILogger<AuthorizedKeysFile> logger) : IAuthorizedKeys
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    public async Task WriteAsync(IReadOnlyList<SshKey> keys, CancellationToken ct)
    {
        var user = SystemUser.Find(settings.User);
        if (user is null)
        {
            LogUserMissing(logger, settings.User, keys.Count);
            return;
        }
        var path = settings.AuthorizedKeysPath ?? Path.Combine(user.Home, ".ssh", "authorized_keys");
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            Chown(directory, user);
        }

        var temp = Path.Combine(directory, $".authorized_keys.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile };
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(Render(keys)), ct);
                stream.Flush(flushToDisk: true);
            }
            Chown(temp, user);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        LogWritten(logger, path, keys.Count);
    }

    /// <summary>The file's text; the paths were checked to need no quoting (paasd's settings refuse others).</summary>
    public string Render(IReadOnlyList<SshKey> keys)
    {
        var text = new StringBuilder();
        text.Append("# Written by paasd from its state: changes made here are lost. Use `paas ssh-keys:add|remove`.\n");
        foreach (var key in keys)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"command=\"{settings.CliPath} ssh-command --socket {settings.SocketPath} {key.Id}\",restrict,pty {key.PublicKey} {key.Name}\n");
        }
        return text.ToString();
    }

    private static void Chown(string path, SystemUser user)
    {
        if (chown(path, user.Uid, user.Gid) != 0)
            throw new IOException($"cannot give {path} to user {user.Name} ({user.Uid}:{user.Gid}): errno {Marshal.GetLastPInvokeError()}; paasd must run as root");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(string path, int owner, int group);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Wrote {Path} with {Count} SSH keys")]
    private static partial void LogWritten(ILogger logger, string path, int count);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "SSH access is not set up: there is no system user '{User}' (PAAS_SSH_USER); {Count} SSH keys are kept and written once it exists (docker-free-install.sh creates it)")]
    private static partial void LogUserMissing(ILogger logger, string user, int count);
}
