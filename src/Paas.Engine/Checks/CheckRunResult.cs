namespace Paas.Engine.Checks;

/// <summary>
/// The checks of one container: <see cref="Passed"/> (warn-only failures pass), else
/// <see cref="Failure"/> says which check failed and why, in words for the deploy's error. The
/// checks after a failed one did not run.
/// </summary>
public sealed record CheckRunResult(bool Passed, string? Failure, IReadOnlyList<CheckOutcome> Outcomes)
{
    public static CheckRunResult Pass(IReadOnlyList<CheckOutcome> outcomes) => new(true, null, outcomes);

    public static CheckRunResult Fail(string failure, IReadOnlyList<CheckOutcome> outcomes) => new(false, failure, outcomes);
}
