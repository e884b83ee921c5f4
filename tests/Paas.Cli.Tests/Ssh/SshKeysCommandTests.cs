using System.Net;
using System.Net.Http.Json;
using Paas.Cli.Tests.WithPaasd;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Cli.Tests.Ssh;

/// <summary>ssh-keys:add|list|remove through the published CLI: every bad key is refused with what is wrong and how to fix it.</summary>
[Collection(PaasdCollection.Name)]
public sealed class SshKeysCommandTests(PaasdFixture paasd) : IDisposable
{
    private readonly PaasdCli _cli = new(paasd);
    private readonly TestDirectory _keys = new("paas-ssh-keys-");

    [Fact]
    public async Task Add_FromStdin_IsListedWithItsFingerprint_AndWrittenToAuthorizedKeys()
    {
        var (path, name) = await NewKeyAsync();
        var fingerprint = (await ProcessRunner.RunCheckedAsync("ssh-keygen", "-l", "-E", "sha256", "-f", path + ".pub")).StandardOutput.Split(' ')[1];

        var added = await _cli.RunWithInputAsync(await File.ReadAllTextAsync(path + ".pub"), "ssh-keys:add", name, "-");
        var listed = await _cli.RunAsync("ssh-keys:list");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Equal($"-----> Added SSH key {name} for admin ({fingerprint})\n", added.Stdout);
        Assert.Matches($@"\n\s*{name}\s+{System.Text.RegularExpressions.Regex.Escape(fingerprint)}\s+admin\s", listed.Stdout);
        Assert.Contains($" {name}\n", await File.ReadAllTextAsync(paasd.Environment()["PAAS_SSH_AUTHORIZED_KEYS"]!));
    }

    [Fact]
    public async Task Add_OfAPrivateKey_IsRefused_WithoutStoringIt()
    {
        var (path, name) = await NewKeyAsync();

        var result = await _cli.RunWithInputAsync(await File.ReadAllTextAsync(path), "ssh-keys:add", name, "-");
        var listed = await _cli.RunAsync("ssh-keys:list");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("this is a private key: give the public key (the .pub file", result.Stderr);
        Assert.DoesNotContain(name, listed.Stdout);
    }

    [Theory]
    [InlineData("hello world", "unknown key type 'hello'")]
    [InlineData("", "the key is empty")]
    [InlineData("ssh-ed25519", "has its type (ssh-ed25519) but no key data")]
    [InlineData("ssh-ed25519 not*base64", "is not base64")]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIGmS4M4oTn0sE9Q3+Sq1sEJzX0mZL9rV7hgB9rVq8zZh", "is not a ssh-rsa key")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGmS4M4o", "OpenSSH does not accept this ssh-ed25519 key")]
    [InlineData("command=\"/bin/sh\" ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGmS4M4oTn0sE9Q3+Sq1sEJzX0mZL9rV7hgB9rVq8zZh", "starts with authorized_keys options")]
    [InlineData("ssh-dss AAAAB3NzaC1kc3MAAACBAP", "unknown key type 'ssh-dss'")]
    public async Task Add_OfSomethingThatIsNotOnePublicKey_IsRefused(string key, string expected)
    {
        var result = await _cli.RunAsync("ssh-keys:add", PaasdCli.UniqueName("bad"), key);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Add_OfTwoKeysAtOnce_IsRefused()
    {
        var (first, _) = await NewKeyAsync();
        var (second, _) = await NewKeyAsync();
        var both = await File.ReadAllTextAsync(first + ".pub") + await File.ReadAllTextAsync(second + ".pub");

        var result = await _cli.RunWithInputAsync(both, "ssh-keys:add", PaasdCli.UniqueName("two"), "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the input holds 2 lines: give one public key per `paas ssh-keys:add`", result.Stderr);
    }

    [Fact]
    public async Task Add_OfAShortRsaKey_IsRefused()
    {
        var path = _keys.Combine("rsa1024");
        await ProcessRunner.RunCheckedAsync("ssh-keygen", "-q", "-t", "rsa", "-b", "1024", "-N", "", "-f", path);

        var result = await _cli.RunAsync("ssh-keys:add", PaasdCli.UniqueName("rsa"), await File.ReadAllTextAsync(path + ".pub"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("this RSA key has 1024 bits, fewer than 2048", result.Stderr);
    }

    [Fact]
    public async Task Add_OfAKeyAlreadyAdded_OrOfANameTaken_IsAConflict()
    {
        var (path, name) = await NewKeyAsync();
        var (other, _) = await NewKeyAsync();
        var publicKey = await File.ReadAllTextAsync(path + ".pub");
        Assert.Equal(0, (await _cli.RunAsync("ssh-keys:add", name, publicKey)).ExitCode);

        var sameKey = await _cli.RunAsync("ssh-keys:add", PaasdCli.UniqueName("again"), publicKey);
        var sameName = await _cli.RunAsync("ssh-keys:add", name, await File.ReadAllTextAsync(other + ".pub"));

        Assert.Equal(1, sameKey.ExitCode);
        Assert.Contains("is already added: see `paas ssh-keys:list`", sameKey.Stderr);
        Assert.Equal(1, sameName.ExitCode);
        Assert.Contains($"an SSH key named '{name}' already exists", sameName.Stderr);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("-dash")]
    [InlineData("a/b")]
    public async Task Add_WithAnInvalidName_IsRefused(string name)
    {
        var (path, _) = await NewKeyAsync();

        var result = await _cli.RunAsync("ssh-keys:add", name, await File.ReadAllTextAsync(path + ".pub"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is invalid", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task Add_ForAUserThatDoesNotExist_Is404()
    {
        var (path, name) = await NewKeyAsync();

        var result = await _cli.RunAsync("ssh-keys:add", name, await File.ReadAllTextAsync(path + ".pub"), "--user", "nobody-" + name);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"user 'nobody-{name}' does not exist", result.Stderr);
    }

    [Fact]
    public async Task Add_WithoutTheKey_IsAUsageError()
    {
        var result = await _cli.RunAsync("ssh-keys:add", "lonely");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage: paas ssh-keys:add NAME KEY [options]", result.Stderr);
    }

    [Fact]
    public async Task Remove_OfAnUnknownKey_Is404_AndRemoveDropsTheLine()
    {
        var (path, name) = await NewKeyAsync();
        Assert.Equal(0, (await _cli.RunAsync("ssh-keys:add", name, await File.ReadAllTextAsync(path + ".pub"))).ExitCode);

        var removed = await _cli.RunAsync("ssh-keys:remove", name);
        var again = await _cli.RunAsync("ssh-keys:remove", name);

        Assert.True(removed.ExitCode == 0, removed.ToString());
        Assert.DoesNotContain($" {name}\n", await File.ReadAllTextAsync(paasd.Environment()["PAAS_SSH_AUTHORIZED_KEYS"]!));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"SSH key '{name}' does not exist: see `paas ssh-keys:list`", again.Stderr);
    }

    [Fact]
    public async Task TheApi_AnswersABadKeyWithProblemJson400()
    {
        using var client = paasd.SocketClient();

        using var response = await client.PostAsJsonAsync(ApiRoutes.SshKeys, new AddSshKeyRequest(PaasdCli.UniqueName("api"), "-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----\n"), ApiJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("this is a private key", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _keys.Dispose();

    private async Task<(string Path, string Name)> NewKeyAsync()
    {
        var name = PaasdCli.UniqueName("key");
        var path = _keys.Combine(name);
        await ProcessRunner.RunCheckedAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path);
        return (path, name);
    }
}
