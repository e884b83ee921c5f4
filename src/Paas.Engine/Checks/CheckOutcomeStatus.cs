namespace Paas.Engine.Checks;

public enum CheckOutcomeStatus
{
    Passed,

    /// <summary>Failed, but the check has <c>warn: true</c>: the deploy goes on.</summary>
    Warned,

    Failed,
}
