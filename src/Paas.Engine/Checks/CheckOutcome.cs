namespace Paas.Engine.Checks;

/// <summary>How one check of a plan went on one container: after how many attempts, and why not when it failed.</summary>
public sealed record CheckOutcome(string Check, CheckOutcomeStatus Status, int Attempts, string? Reason);
