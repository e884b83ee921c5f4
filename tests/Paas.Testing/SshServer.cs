using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Paas.Testing;

/// <summary>
/// A private OpenSSH server on a free loopback port for SSH tests: its own host key, its own sshd_config
/// (AuthorizedKeysFile pointing at the file paasd writes, StrictModes off for temp dirs, no PAM), and a throwaway
/// system user and group standing in for the install script's <c>paas</c> (the group is the one paasd's socket
/// is given to). Everything is removed on dispose: sshd, the user, the group and the directory.
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private const string Sshd = "/usr/sbin/sshd";
    private const string PrivilegeSeparationDirectory = "/run/sshd";

    private readonly StringBuilder _log = new();
    private Process? _process;
    private bool _userCreated;
    private bool _groupCreated;
    private bool _privsepHeld;

    // sshd needs /run/sshd for every connection. Test classes run side by side, each with its own
    // sshd: the dir is made by the first, removed by the last, and never if it was there before.
    private static readonly Lock PrivsepLock = new();
    private static int _privsepUsers;
    private static bool _privsepMadeHere;

    private SshServer(TestDirectory directory, string user)
    {
        Directory = directory;
        User = user;
    }

    public TestDirectory Directory { get; }

    /// <summary>The login name (user and group of the same name): paas@HOST in production.</summary>
    public string User { get; }

    public int Port { get; private set; }

    /// <summary>The authorized_keys file sshd reads; give it to paasd as PAAS_SSH_AUTHORIZED_KEYS.</summary>
    public string AuthorizedKeysPath => Directory.Combine("authorized_keys");

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>Creates the user and group; sshd starts with <see cref="StartAsync"/>, once paasd has written its file.</summary>
    public static async Task<SshServer> CreateAsync()
    {
        if (!File.Exists(Sshd))
            throw new InvalidOperationException($"{Sshd} is missing: apt-get install openssh-server (tests/run.sh installs it)");
        var server = new SshServer(new TestDirectory("paas-sshd-"), "paasssh" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await server.CreateUserAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    public async Task StartAsync()
    {
        var hostKey = Directory.Combine("host_ed25519");
        await ProcessRunner.RunCheckedAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey);
        Port = FreePort();
        var config = Directory.Combine("sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {hostKey}
            PidFile none
            AuthorizedKeysFile {AuthorizedKeysPath}
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin no
            AllowUsers {User}
            LogLevel VERBOSE

            """);
        lock (PrivsepLock)
        {
            if (_privsepUsers++ == 0 && !System.IO.Directory.Exists(PrivilegeSeparationDirectory))
            {
                System.IO.Directory.CreateDirectory(PrivilegeSeparationDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                _privsepMadeHere = true;
            }
            _privsepHeld = true;
        }

        var start = new ProcessStartInfo(Sshd) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-D", "-e", "-f", config })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("sshd did not start");
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"sshd exited with {_process.ExitCode}:\n{Log}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A fresh ed25519 key pair; returns the private key's path (the public key is PATH.pub).</summary>
    public async Task<string> CreateClientKeyAsync(string name)
    {
        var path = Directory.Combine("client-" + name);
        await ProcessRunner.RunCheckedAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path);
        return path;
    }

    /// <summary>The ssh client options for this server: the key only, no agent, no known_hosts, no prompts.</summary>
    public IReadOnlyList<string> ClientOptions(string key) =>
    [
        "-F", "/dev/null", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", key,
        "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
    ];

    /// <summary>`ssh USER@127.0.0.1 COMMAND` with the given key; the command is one string, as ssh sends it.</summary>
    public Task<ProcessRunner.Result> RunAsync(string key, string? command, string? standardInput = null) =>
        ProcessRunner.RunAsync("ssh", [.. ClientOptions(key), $"{User}@127.0.0.1", .. command is null ? Array.Empty<string>() : [command]],
            new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = null }, standardInput ?? "", TimeSpan.FromSeconds(60));

    /// <summary>GIT_SSH_COMMAND for git: ssh with this server's options (paths here hold no spaces or quotes).</summary>
    public string GitSshCommand(string key) => "ssh " + string.Join(' ', ClientOptions(key));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process?.Dispose();
            // Logins of the user (forced commands) end with sshd; userdel refuses while any runs.
            if (_userCreated) await ProcessRunner.RunAsync("userdel", ["--force", User]);
            if (_groupCreated) await ProcessRunner.RunAsync("groupdel", [User]);
            ReleasePrivilegeSeparationDirectory();
        }
        finally
        {
            Directory.Dispose();
        }
    }

    private void ReleasePrivilegeSeparationDirectory()
    {
        lock (PrivsepLock)
        {
            if (!_privsepHeld) return;
            _privsepHeld = false;
            if (--_privsepUsers == 0 && _privsepMadeHere)
            {
                System.IO.Directory.Delete(PrivilegeSeparationDirectory, recursive: true);
                _privsepMadeHere = false;
            }
        }
    }

    private async Task CreateUserAsync()
    {
        await ProcessRunner.RunCheckedAsync("groupadd", "--system", User);
        _groupCreated = true;
        var home = Directory.Combine("home");
        await ProcessRunner.RunCheckedAsync("useradd", "--system", "--gid", User, "--home-dir", home, "--no-create-home", "--shell", "/bin/sh", User);
        _userCreated = true;
        // '*': no password can log in, yet the account is not "locked" ('!'), which sshd without PAM refuses outright.
        await ProcessRunner.RunCheckedAsync("usermod", "-p", "*", User);
        System.IO.Directory.CreateDirectory(home);
        await ProcessRunner.RunCheckedAsync("chown", $"{User}:{User}", home);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
