using Paas.Core.Checks;

namespace Paas.Engine.Checks.Running;

/// <summary>
/// One check of one container between its probes: when the next probe is due, whether one is under way,
/// and how many failed in a row (<see cref="HealthCheck.Attempts"/> of them fail the check; one pass clears it).
/// </summary>
internal sealed class RunningCheckState(HealthCheck check, DateTimeOffset firstProbe)
{
    public HealthCheck Check { get; } = check;

    public DateTimeOffset NextProbe { get; set; } = firstProbe;

    public bool InFlight { get; set; }

    public int Failures { get; set; }

    /// <summary>The outcome last recorded (<see cref="CheckOutcomeRecorder"/>): null before the first, true passing, false failed.</summary>
    public bool? Reported { get; set; }

    /// <summary>A liveness check that already had its container killed: nothing more to do until the container is replaced.</summary>
    public bool Acted { get; set; }
}
