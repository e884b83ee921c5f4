using Microsoft.AspNetCore.Identity;
using Paas.Core.Auth;
using Paas.Engine.Operations;

namespace Paas.Engine.Users;

/// <summary>Password logins (throttled per user and per client address, persisted), and re-checking a login cookie.</summary>
public sealed class LoginOperations(StateOperation op, TimeProvider time)
{
    public const string Via = "cookie";

    public async Task<LoginOutcome> LoginAsync(string name, string password, string clientAddress, CancellationToken ct)
    {
        name ??= "";
        password ??= "";
        var userSubject = LoginThrottlePolicy.UserSubject(name);
        var addressSubject = LoginThrottlePolicy.AddressSubject(clientAddress);
        return await op.RunAsync(async s =>
        {
            var now = time.GetUtcNow();
            var rows = await s.LoginThrottle.FindForUpdateAsync([userSubject, addressSubject], ct);
            var userRow = rows.FirstOrDefault(r => r.Subject == userSubject);
            var addressRow = rows.FirstOrDefault(r => r.Subject == addressSubject);
            // While locked the password is not even checked: a guess made then tells nothing, and costs no PBKDF2.
            var lockedUntil = new[] { userRow?.LockedUntil, addressRow?.LockedUntil }.Where(l => l > now).Max();
            if (lockedUntil is { } until)
                return new LoginOutcome(null, null, until);

            var user = password.Length is > 0 and <= Passwords.MaxLength && UserName.IsValid(name)
                ? await s.Users.FindCredentialsByNameAsync(name, ct)
                : null;
            var verified = Passwords.Verify(user?.PasswordHash, password.Length <= Passwords.MaxLength ? password : "");
            if (user is null || verified == PasswordVerificationResult.Failed)
            {
                await s.LoginThrottle.SaveAsync(LoginThrottlePolicy.AfterUserFailure(userRow, now) with { Subject = userSubject }, ct);
                await s.LoginThrottle.SaveAsync(LoginThrottlePolicy.AfterAddressFailure(addressRow, now) with { Subject = addressSubject }, ct);
                await s.LoginThrottle.PruneAsync(now - LoginThrottlePolicy.Forget, ct);
                return LoginOutcome.Invalid;
            }

            if (verified == PasswordVerificationResult.SuccessRehashNeeded)
                await s.Users.SetPasswordAsync(user.User.Id, Passwords.Hash(password), user.SecurityStamp, ct);
            if (userRow is not null)
                await s.LoginThrottle.ClearAsync(userSubject, ct);
            var actor = new Actor(user.User.Id, user.User.Name, user.User.Role, Via);
            await StateOperation.AuditAsync(s, actor, "auth:login", null, ct, ("address", clientAddress));
            return new LoginOutcome(actor, user.SecurityStamp, null);
        }, ct);
    }

    /// <summary>The user behind a login cookie as they are now, or null when they were removed or their password changed since.</summary>
    public Task<Actor?> ValidateSessionAsync(long userId, string securityStamp, CancellationToken ct) =>
        op.ReadAsync(async s =>
        {
            var user = await s.Users.FindCredentialsByIdAsync(userId, ct);
            return user is not null && user.SecurityStamp == securityStamp
                ? new Actor(user.User.Id, user.User.Name, user.User.Role, Via)
                : null;
        }, ct);

    public Task LogoutAsync(Actor actor, CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            await StateOperation.AuditAsync(s, actor, "auth:logout", null, ct);
            return true;
        }, ct);
}
