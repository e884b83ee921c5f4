using System.Text.RegularExpressions;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Core.Errors;
using Paas.Engine.Operations;

namespace Paas.Engine.Tokens;

/// <summary>tokens:create|list|revoke, and turning a presented token into an <see cref="Actor"/>.</summary>
public sealed partial class TokenOperations(StateOperation op)
{
    /// <summary>Who a caller on the local unix socket is: the administrator (as root is for Dokku).</summary>
    public const string LocalAdmin = "admin";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}\z")]
    private static partial Regex NamePattern();

    /// <param name="userName">Another user to create the token for (administrators only); null for the actor's own.</param>
    public Task<CreatedToken> CreateAsync(Actor actor, string name, CancellationToken ct, string? userName = null)
    {
        if (name is null || !NamePattern().IsMatch(name))
            throw new ValidationException("name",
                $"token name '{name}' is invalid: use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters");
        var secret = TokenSecret.New();
        return op.RunAsync(async s =>
        {
            var owner = await OwnerAsync(s, actor, userName, ct);
            var token = await s.Tokens.CreateAsync(owner.Id, name, TokenSecret.Hash(secret), ct);
            await StateOperation.AuditAsync(s, actor, "tokens:create", null, ct, ("token", name), ("user", owner.Name));
            return new CreatedToken(token.Id, token.Name, secret) { User = owner.Name };
        }, ct);
    }

    public Task<IReadOnlyList<TokenView>> ListAsync(Actor actor, CancellationToken ct) =>
        op.ReadAsync<IReadOnlyList<TokenView>>(async s =>
            (await s.Tokens.ListAsync(actor.IsAdmin ? null : actor.UserId, ct))
            .Select(t => new TokenView(t.Id, t.Name, t.UserName, t.CreatedAt, t.LastUsedAt)).ToList(), ct);

    public Task RevokeAsync(Actor actor, string name, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            if (!await s.Tokens.RevokeAsync(actor.IsAdmin ? null : actor.UserId, name, ct))
                throw new NotFoundException($"token '{name}' does not exist: see `paas tokens:list`");
            await StateOperation.AuditAsync(s, actor, "tokens:revoke", null, ct, ("token", name));
            return true;
        }, ct);

    /// <summary>The actor a bearer token stands for, or null when it is unknown or revoked.</summary>
    public Task<Actor?> AuthenticateAsync(string secret, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            var found = await s.Tokens.AuthenticateAsync(TokenSecret.Hash(secret), ct);
            return found is { } f ? new Actor(f.User.Id, f.User.Name, f.User.Role, "token:" + f.Token.Name) : null;
        }, ct);

    private static async Task<User> OwnerAsync(Core.State.IStateSession session, Actor actor, string? userName, CancellationToken ct)
    {
        if (userName is null || userName == actor.Name)
            return new User(actor.UserId, actor.Name, actor.Role, default);
        RequireAdmin.Check(actor, "create tokens for other users");
        return await session.Users.FindByNameAsync(userName, ct)
            ?? throw new NotFoundException($"user '{userName}' does not exist: see `paas users:list`");
    }

    /// <summary>The actor behind the local unix socket.</summary>
    public Task<Actor> LocalAdminAsync(CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var user = await s.Users.FindByNameAsync(LocalAdmin, ct)
                ?? throw new InvalidOperationException("the 'admin' user is missing: run `paasd migrate`");
            return new Actor(user.Id, user.Name, user.Role, "socket");
        }, ct);
}
