using System.Text.RegularExpressions;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Core.Ssh;
using Paas.Core.State;
using Paas.Engine.Operations;

namespace Paas.Engine.Ssh;

/// <summary>
/// ssh-keys:add|list|remove, keeping the paas user's authorized_keys in step with the state, and turning the
/// key id of an SSH login into an <see cref="Actor"/>.
/// </summary>
public sealed partial class SshKeyOperations(StateOperation op, ISshKeyInspector inspector, IAuthorizedKeys authorizedKeys)
{
    /// <summary>Below this OpenSSH itself warns; NIST and OpenSSH 9 treat 2048 as the floor.</summary>
    public const int MinRsaBits = 2048;

    /// <summary>Read-then-write of authorized_keys, one at a time: each write then holds every change committed before it.</summary>
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}\z")]
    private static partial Regex NamePattern();

    /// <param name="userName">Another user to add the key for (administrators only); null for the actor's own key.</param>
    public async Task<SshKeyView> AddAsync(Actor actor, string name, string key, string? userName, CancellationToken ct)
    {
        if (name is null || !NamePattern().IsMatch(name))
            throw new ValidationException("name",
                $"SSH key name '{name}' is invalid: use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters");
        var publicKey = SshPublicKey.Parse(key);
        var fingerprint = await inspector.InspectAsync(publicKey, ct);
        if (publicKey.Type == "ssh-rsa" && fingerprint.Bits < MinRsaBits)
            throw new ValidationException("key", $"this RSA key has {fingerprint.Bits} bits, fewer than {MinRsaBits}: make a new key with `ssh-keygen -t ed25519`");

        var added = await op.RunAsync(async s =>
        {
            var owner = await OwnerAsync(s, actor, userName, ct);
            var stored = await s.SshKeys.AddAsync(owner.UserId, name, publicKey.Line, fingerprint.Fingerprint, ct);
            await StateOperation.AuditAsync(s, actor, "ssh-keys:add", null, ct,
                ("key", name), ("fingerprint", stored.Fingerprint), ("user", stored.UserName));
            return stored;
        }, ct);
        await WriteAuthorizedKeysAsync(ct);
        return View(added);
    }

    public Task<IReadOnlyList<SshKeyView>> ListAsync(Actor actor, CancellationToken ct) =>
        op.ReadAsync<IReadOnlyList<SshKeyView>>(async s =>
            (await s.SshKeys.ListAsync(actor.IsAdmin ? null : actor.UserId, ct)).Select(View).ToList(), ct);

    /// <summary>A developer removes their own keys; an administrator anyone's.</summary>
    public async Task RemoveAsync(Actor actor, string name, CancellationToken ct)
    {
        await op.RunAsync(async s =>
        {
            if (!await s.SshKeys.RemoveAsync(actor.IsAdmin ? null : actor.UserId, name, ct))
                throw new NotFoundException($"SSH key '{name}' does not exist: see `paas ssh-keys:list`");
            await StateOperation.AuditAsync(s, actor, "ssh-keys:remove", null, ct, ("key", name));
            return true;
        }, ct);
        await WriteAuthorizedKeysAsync(ct);
    }

    /// <summary>The actor an SSH login with this key id stands for, or null when no such key exists (any more).</summary>
    public Task<Actor?> AuthenticateAsync(long keyId, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var found = await s.SshKeys.FindByIdAsync(keyId, ct);
            return found is { } f ? new Actor(f.User.Id, f.User.Name, f.User.Role, "ssh:" + f.Key.Name) : null;
        }, ct);

    public Task<SshKeyView?> FindAsync(long keyId, CancellationToken ct) =>
        op.ReadAsync(async s => (await s.SshKeys.FindByIdAsync(keyId, ct)) is { } f ? View(f.Key) : null, ct);

    /// <summary>Rewrites authorized_keys from the state: after every change, and at paasd's start (a crash between commit and write heals).</summary>
    public async Task WriteAuthorizedKeysAsync(CancellationToken ct)
    {
        await _writeLock.WaitAsync(ct);
        try
        {
            var keys = await op.ReadAsync(s => s.SshKeys.ListAsync(null, ct), ct);
            await authorizedKeys.WriteAsync(keys, ct);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task<Actor> OwnerAsync(IStateSession session, Actor actor, string? userName, CancellationToken ct)
    {
        if (userName is null || userName == actor.Name)
            return actor;
        RequireAdmin.Check(actor, "add SSH keys for other users");
        var user = await session.Users.FindByNameAsync(userName, ct)
            ?? throw new NotFoundException($"user '{userName}' does not exist");
        return new Actor(user.Id, user.Name, user.Role, actor.Via);
    }

    private static SshKeyView View(SshKey key) => new(key.Id, key.Name, key.Fingerprint, key.UserName, key.CreatedAt);
}
