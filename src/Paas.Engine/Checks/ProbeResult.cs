namespace Paas.Engine.Checks;

/// <summary>One attempt of a check: it passed, or why not (short, for "attempt 1/3 failed: ...").</summary>
internal readonly record struct ProbeResult(bool Ok, string? Reason)
{
    public static ProbeResult Pass { get; } = new(true, null);

    public static ProbeResult Fail(string reason) => new(false, reason);
}
