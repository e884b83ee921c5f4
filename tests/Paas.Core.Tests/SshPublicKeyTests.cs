using Paas.Core.Errors;
using Paas.Core.Ssh;

namespace Paas.Core.Tests;

public sealed class SshPublicKeyTests
{
    private const string Ed25519 = "AAAAC3NzaC1lZDI1NTE5AAAAIGmS4M4oTn0sE9Q3+Sq1sEJzX0mZL9rV7hgB9rVq8zZh";

    [Theory]
    [InlineData("ssh-ed25519 " + Ed25519 + " me@laptop\n")]
    [InlineData("  ssh-ed25519\t" + Ed25519 + "  a comment with spaces  ")]
    [InlineData("ssh-ed25519 " + Ed25519)]
    public void APastedKey_IsNormalisedToTypeAndData_WithoutItsComment(string text)
    {
        Assert.Equal("ssh-ed25519 " + Ed25519, SshPublicKey.Parse(text).Line);
    }

    [Theory]
    [InlineData("no-pty ssh-ed25519 " + Ed25519, "authorized_keys options")]
    [InlineData("from=\"10.0.0.1\" ssh-ed25519 " + Ed25519, "authorized_keys options")]
    [InlineData("ssh-ed25519-cert-v01@openssh.com " + Ed25519, "unknown key type")]
    [InlineData("ecdsa-sha2-nistp256 " + Ed25519, "is not a ecdsa-sha2-nistp256 key")]
    [InlineData("ssh-ed25519 " + Ed25519 + "\nssh-ed25519 " + Ed25519, "holds 2 lines")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----", "this is a private key")]
    public void AnythingButOnePlainKey_IsAValidationError(string text, string expected)
    {
        var error = Assert.Throws<ValidationException>(() => SshPublicKey.Parse(text));

        Assert.Contains(expected, error.Message);
        Assert.Equal("key", Assert.Single(error.Errors).Key);
    }

    [Fact]
    public void AKeyLongerThanAnyRealOne_IsRefusedBeforeDecoding()
    {
        var error = Assert.Throws<ValidationException>(() => SshPublicKey.Parse("ssh-rsa " + new string('A', SshPublicKey.MaxLength + 1)));

        Assert.Contains("more than any public key", error.Message);
    }
}
