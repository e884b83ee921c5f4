namespace Paas.Core.Checks;

/// <summary>How a process type's new containers replace the old ones.</summary>
public enum CheckMode
{
    /// <summary>Zero downtime: start new, run the checks, switch, retire old.</summary>
    Run,

    /// <summary>`checks:skip`: zero downtime, but the new containers get traffic without checks or waiting.</summary>
    Skipped,

    /// <summary>`checks:disable`: the old containers stop before the new ones start (downtime), no checks.</summary>
    Disabled,
}
