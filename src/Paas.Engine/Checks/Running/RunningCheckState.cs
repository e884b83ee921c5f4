using Paas.Core.Checks;

namespace Paas.Engine.Checks.Running;

/// <summary>
/// One check of one container between its probes: when the next probe is due, whether one is under way,
/// and how many failed in a row (<see cref="HealthCheck.Attempts"/> of them fail the check; one pass clears it).
/// <see cref="Stop"/> ends it when the check no longer applies to the container (checks:disable or skip, the container
/// gone): a probe under way is cancelled (a check command is killed) and its outcome, if any, is not recorded.
/// </summary>
internal sealed class RunningCheckState(HealthCheck check, int index, DateTimeOffset firstProbe)
{
    // No timer and no wait handle: nothing to dispose once it is dropped.
    private readonly CancellationTokenSource _stopped = new();

    public HealthCheck Check { get; } = check;

    /// <summary>The check's position among its process type's liveness/readiness checks: its key in the instance's results.</summary>
    public int Index { get; } = index;

    public DateTimeOffset NextProbe { get; set; } = firstProbe;

    public bool InFlight { get; set; }

    public int Failures { get; set; }

    /// <summary>The outcome last recorded (<see cref="CheckOutcomeRecorder"/>): null before the first, true passing, false failed.</summary>
    public bool? Reported { get; set; }

    /// <summary>A liveness check that already had its container killed: nothing more to do until the container is replaced.</summary>
    public bool Acted { get; set; }

    /// <summary>Cancelled once the check no longer applies: its probes stop and record nothing.</summary>
    public CancellationToken Stopped => _stopped.Token;

    public void Stop() => _stopped.Cancel();
}
