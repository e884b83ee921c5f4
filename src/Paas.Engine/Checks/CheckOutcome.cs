namespace Paas.Engine.Checks;

public enum CheckOutcomeStatus
{
    Passed,

    /// <summary>Failed, but the check has <c>warn: true</c>: the deploy goes on.</summary>
    Warned,

    Failed,
}

/// <summary>How one check of a plan went on one container: after how many attempts, and why not when it failed.</summary>
public sealed record CheckOutcome(string Check, CheckOutcomeStatus Status, int Attempts, string? Reason);
