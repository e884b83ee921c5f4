using Microsoft.AspNetCore.Identity;
using Paas.Core.Auth;
using Paas.Engine.Users;

namespace Paas.Engine.Tests.Users;

public sealed class LoginThrottlePolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AUser_IsLockedFromTheFifthFailure_For30s_DoublingUpToAnHour()
    {
        LoginFailures? failures = null;
        var locks = new List<TimeSpan?>();
        for (var i = 0; i < 14; i++)
        {
            var now = Start.AddSeconds(i);
            failures = LoginThrottlePolicy.AfterUserFailure(failures, now) with { Subject = "user:alice" };
            locks.Add(failures.LockedUntil - now);
        }

        Assert.Equal([null, null, null, null], locks.Take(4));
        Assert.Equal(
            new TimeSpan?[] { TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240) },
            locks.Skip(4).Take(4));
        Assert.Equal(TimeSpan.FromHours(1), locks[^1]);
    }

    [Fact]
    public void AUsersFailures_AreForgottenAfterADayWithoutOne()
    {
        var failures = new LoginFailures("user:alice", 9, Start, Start, Start.AddHours(1));

        var next = LoginThrottlePolicy.AfterUserFailure(failures, Start.AddDays(1).AddSeconds(1));

        Assert.Equal(1, next.Failures);
        Assert.Null(next.LockedUntil);
    }

    [Fact]
    public void AnAddress_IsLockedAtTheTwentiethFailureInFifteenMinutes_UntilTheWindowEnds()
    {
        LoginFailures? failures = null;
        for (var i = 0; i < 19; i++)
            failures = LoginThrottlePolicy.AfterAddressFailure(failures, Start.AddSeconds(i * 10)) with { Subject = "address:10.0.0.1" };
        Assert.Null(failures!.LockedUntil);

        var twentieth = LoginThrottlePolicy.AfterAddressFailure(failures, Start.AddMinutes(5));
        var nextWindow = LoginThrottlePolicy.AfterAddressFailure(twentieth, Start.AddMinutes(16));

        Assert.Equal(Start.AddMinutes(15), twentieth.LockedUntil);
        Assert.Equal(1, nextWindow.Failures);
        Assert.Null(nextWindow.LockedUntil);
    }

    [Fact]
    public void Passwords_AreHashedSalted_AndVerified_AndGeneratedOnesAreLongEnough()
    {
        var password = Passwords.Generate();

        var first = Passwords.Hash(password);
        var second = Passwords.Hash(password);

        Assert.True(password.Length >= Passwords.MinLength);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain(password, first);
        Assert.Equal(PasswordVerificationResult.Success, Passwords.Verify(first, password));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Verify(first, password + "x"));
        Assert.Equal(PasswordVerificationResult.Failed, Passwords.Verify(null, password));
    }
}
