namespace Paas.Core.Checks;

/// <summary>An instance's readiness (in the routes or not) before and after a check's outcome was recorded.</summary>
public readonly record struct ReadinessChange(bool WasReady, bool Ready)
{
    public bool Changed => WasReady != Ready;
}
