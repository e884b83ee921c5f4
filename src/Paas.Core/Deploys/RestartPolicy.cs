using System.Globalization;

namespace Paas.Core.Deploys;

/// <summary>
/// Docker's (and Dokku's `ps:set APP restart-policy`) restart policies: <c>on-failure[:N]</c>
/// (the default, N = 10 failures in a row), <c>always</c>, <c>unless-stopped</c> (the same as
/// always here: a stopped app restarts nothing) and <c>no</c>. Waits double from 1 s to 5 min.
/// </summary>
public sealed record RestartPolicy(string Mode, int MaxFailures)
{
    public const string OnFailure = "on-failure";
    public const string Always = "always";
    public const string UnlessStopped = "unless-stopped";
    public const string Never = "no";
    public const int DefaultMaxFailures = 10;

    public static RestartPolicy Default { get; } = new(OnFailure, DefaultMaxFailures);

    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>A run this long counts as a success: the next failure starts the count (and the backoff) again.</summary>
    public static readonly TimeSpan StableRun = TimeSpan.FromSeconds(10);

    public override string ToString() =>
        Mode == OnFailure ? string.Create(CultureInfo.InvariantCulture, $"{OnFailure}:{MaxFailures}") : Mode;

    public static string? TryParse(string text, out RestartPolicy policy)
    {
        policy = Default;
        var value = text.Trim().ToLowerInvariant();
        switch (value)
        {
            case Always or UnlessStopped or Never:
                policy = new RestartPolicy(value, 0);
                return null;
            case OnFailure:
                return null;
        }
        if (value.StartsWith(OnFailure + ":", StringComparison.Ordinal) &&
            int.TryParse(value.AsSpan(OnFailure.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max is >= 1 and <= 1000)
        {
            policy = new RestartPolicy(OnFailure, max);
            return null;
        }
        return $"restart policy '{text}' is invalid: use on-failure, on-failure:N (N from 1 to 1000), always, unless-stopped or no";
    }

    /// <summary>Whether an instance whose process ended with <paramref name="exitCode"/> after <paramref name="failuresInARow"/> failures (this one included) starts again.</summary>
    public bool Restarts(int? exitCode, int failuresInARow) => Mode switch
    {
        Always or UnlessStopped => true,
        OnFailure => exitCode is not 0 && failuresInARow <= MaxFailures,
        _ => false,
    };

    /// <summary>The wait before restart number <paramref name="failuresInARow"/> (1 s, 2 s, 4 s, ... at most 5 min).</summary>
    public static TimeSpan Backoff(int failuresInARow)
    {
        var exponent = Math.Clamp(failuresInARow - 1, 0, 20);
        var wait = TimeSpan.FromTicks(FirstBackoff.Ticks << exponent);
        return wait > MaxBackoff ? MaxBackoff : wait;
    }
}
