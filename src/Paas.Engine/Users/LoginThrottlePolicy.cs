using Paas.Core.Auth;

namespace Paas.Engine.Users;

/// <summary>
/// How failed logins slow guessing down. Per user: from the 5th consecutive failure the account is locked for 30 s,
/// doubling with each further failure up to 1 h; a success resets it. Per client address: 20 failures within 15
/// minutes lock that address until the window ends, whatever user names it tries.
/// </summary>
public static class LoginThrottlePolicy
{
    public const int UserFreeFailures = 5;
    public static readonly TimeSpan UserFirstLock = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan UserMaxLock = TimeSpan.FromHours(1);
    public const int AddressMaxFailures = 20;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(15);

    /// <summary>A user who stops failing for this long starts with a clean slate.</summary>
    public static readonly TimeSpan Forget = TimeSpan.FromDays(1);

    /// <summary>Names are cut to the longest valid one so junk input cannot make long keys.</summary>
    public static string UserSubject(string name) => "user:" + (name.Length > 64 ? name[..64] : name);

    public static string AddressSubject(string address) => "address:" + address;

    public static LoginFailures AfterUserFailure(LoginFailures? previous, DateTimeOffset now)
    {
        var failures = previous is { } p && now - p.LastFailureAt < Forget ? p.Failures + 1 : 1;
        var first = failures == 1 ? now : previous!.FirstFailureAt;
        DateTimeOffset? lockedUntil = null;
        if (failures >= UserFreeFailures)
        {
            var doublings = Math.Min(failures - UserFreeFailures, 20);
            var seconds = Math.Min(UserFirstLock.TotalSeconds * Math.Pow(2, doublings), UserMaxLock.TotalSeconds);
            lockedUntil = now + TimeSpan.FromSeconds(seconds);
        }
        return new LoginFailures(previous?.Subject ?? "", failures, first, now, lockedUntil);
    }

    public static LoginFailures AfterAddressFailure(LoginFailures? previous, DateTimeOffset now)
    {
        var inWindow = previous is { } p && now - p.FirstFailureAt < AddressWindow;
        var failures = inWindow ? previous!.Failures + 1 : 1;
        var first = inWindow ? previous!.FirstFailureAt : now;
        DateTimeOffset? lockedUntil = failures >= AddressMaxFailures ? first + AddressWindow : null;
        return new LoginFailures(previous?.Subject ?? "", failures, first, now, lockedUntil);
    }
}
