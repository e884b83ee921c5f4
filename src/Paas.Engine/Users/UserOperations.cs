using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Engine.Operations;
using Paas.Engine.Ssh;
using Paas.Engine.Tokens;

namespace Paas.Engine.Users;

/// <summary>users:add|list|remove|passwd. Only administrators manage users; anyone may change their own password.</summary>
public sealed class UserOperations(StateOperation op, SshKeyOperations sshKeys, CredentialChanges changes)
{
    /// <param name="password">Null to have one generated; it is then returned, once.</param>
    public Task<CreatedUser> AddAsync(Actor actor, string name, string role, string? password, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "add users");
        var problems = new Dictionary<string, string[]>();
        if (UserName.Problem(name) is { } nameProblem) problems["name"] = [nameProblem];
        if (!TryParseRole(role, out var parsedRole)) problems["role"] = [$"role '{role}' is invalid: use admin or developer"];
        if (problems.Count > 0) throw new ValidationException(problems);
        var generated = password is null;
        password ??= Passwords.Generate();
        Passwords.Validate(password);
        var hash = Passwords.Hash(password);
        return op.RunAsync(async s =>
        {
            var user = await s.Users.CreateAsync(name, parsedRole, hash, Passwords.NewSecurityStamp(), ct);
            await StateOperation.AuditAsync(s, actor, "users:add", null, ct, ("user", name), ("role", RoleText(parsedRole)));
            return new CreatedUser(user.Name, RoleText(user.Role), generated ? password : null);
        }, ct);
    }

    public Task<IReadOnlyList<UserView>> ListAsync(Actor actor, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "list users");
        return op.ReadAsync<IReadOnlyList<UserView>>(async s =>
            (await s.Users.ListAsync(ct)).Select(u => new UserView(
                u.User.Name, RoleText(u.User.Role), u.User.CreatedAt, u.HasPassword, u.Tokens, u.SshKeys, u.Apps)).ToList(), ct);
    }

    /// <summary>Removes the user with their tokens, SSH keys and grants; the built-in administrator stays.</summary>
    public async Task RemoveAsync(Actor actor, string name, CancellationToken ct)
    {
        RequireAdmin.Check(actor, "remove users");
        if (name == TokenOperations.LocalAdmin)
            throw new ForbiddenException($"the built-in '{TokenOperations.LocalAdmin}' user cannot be removed: the local unix socket acts as it");
        var removed = await op.RunAsync(async s =>
        {
            var user = await s.Users.FindByNameAsync(name, ct) ?? throw NotFound(name);
            await s.Users.RemoveAsync(user.Id, ct);
            await StateOperation.AuditAsync(s, actor, "users:remove", null, ct, ("user", name));
            return user;
        }, ct);
        changes.Record(removed.Id);
        // Their keys went with the row: authorized_keys must stop letting them in.
        await sshKeys.WriteAuthorizedKeysAsync(ct);
    }

    /// <summary>Sets a password (generated when null, then returned once); every login cookie of the user stops working.</summary>
    public async Task<PasswordChanged> SetPasswordAsync(Actor actor, string name, string? password, CancellationToken ct)
    {
        if (name != actor.Name)
            RequireAdmin.Check(actor, "change other users' passwords");
        var generated = password is null;
        password ??= Passwords.Generate();
        Passwords.Validate(password);
        var hash = Passwords.Hash(password);
        var user = await op.RunAsync(async s =>
        {
            var user = await s.Users.FindByNameAsync(name, ct) ?? throw NotFound(name);
            await s.Users.SetPasswordAsync(user.Id, hash, Passwords.NewSecurityStamp(), ct);
            // Whoever failed to guess the old password starts afresh with the new one.
            await s.LoginThrottle.ClearAsync(LoginThrottlePolicy.UserSubject(name), ct);
            await StateOperation.AuditAsync(s, actor, "users:passwd", null, ct, ("user", name));
            return user;
        }, ct);
        changes.Record(user.Id);
        return new PasswordChanged(user.Name, generated ? password : null);
    }

    internal static NotFoundException NotFound(string name) => new($"user '{name}' does not exist: see `paas users:list`");

    public static string RoleText(Role role) => role == Role.Admin ? "admin" : "developer";

    private static bool TryParseRole(string? text, out Role role)
    {
        role = text switch { "admin" => Role.Admin, "developer" => Role.Developer, _ => (Role)(-1) };
        return Enum.IsDefined(role);
    }
}
