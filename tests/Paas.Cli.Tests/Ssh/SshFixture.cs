using Paas.Cli.Tests.WithPaasd;
using Paas.Testing;

namespace Paas.Cli.Tests.Ssh;

/// <summary>
/// A real paasd whose SSH keys go to the authorized_keys of a private sshd, whose login user (a throwaway
/// stand-in for the install script's paas user) is in the group paasd gives its socket to.
/// </summary>
public sealed class SshFixture : IAsyncLifetime
{
    private SshServer? _ssh;
    private PaasdFixture? _paasd;

    public SshServer Ssh => _ssh ?? throw new InvalidOperationException("not initialised");
    public PaasdFixture Paasd => _paasd ?? throw new InvalidOperationException("not initialised");
    public PaasdCli Cli => new(Paasd);

    public async Task InitializeAsync()
    {
        _ssh = await SshServer.CreateAsync();
        _paasd = PaasdFixture.WithSettings(new Dictionary<string, string?>
        {
            ["PAAS_SSH_USER"] = _ssh.User,
            ["PAAS_SSH_AUTHORIZED_KEYS"] = _ssh.AuthorizedKeysPath,
            ["PAAS_SOCKET_GROUP"] = _ssh.User,
        });
        await _paasd.InitializeAsync();
        await _ssh.StartAsync();
    }

    /// <summary>A developer user, made and granted the given apps with `paas users:add` and `paas apps:grant`.</summary>
    public async Task<string> CreateDeveloperAsync(params string[] grantedApps)
    {
        var name = "dev-" + Guid.NewGuid().ToString("N")[..8];
        var added = await Cli.RunAsync("users:add", name);
        Assert.True(added.ExitCode == 0, added.ToString());
        foreach (var app in grantedApps)
        {
            var granted = await Cli.RunAsync("apps:grant", app, name);
            Assert.True(granted.ExitCode == 0, granted.ToString());
        }
        return name;
    }

    /// <summary>A new key pair added for <paramref name="user"/> (the administrator when null); returns the private key's path.</summary>
    public async Task<(string KeyPath, string Name)> AddKeyAsync(string? user = null)
    {
        var name = "key-" + Guid.NewGuid().ToString("N")[..8];
        var key = await Ssh.CreateClientKeyAsync(name);
        var args = new List<string> { "ssh-keys:add", name, "-" };
        if (user is not null) args.AddRange(["--user", user]);
        var added = await Cli.RunWithInputAsync(await File.ReadAllTextAsync(key + ".pub"), [.. args]);
        Assert.True(added.ExitCode == 0, added.ToString());
        return (key, name);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_paasd is not null) await _paasd.DisposeAsync();
        }
        finally
        {
            if (_ssh is not null) await _ssh.DisposeAsync();
        }
    }
}
