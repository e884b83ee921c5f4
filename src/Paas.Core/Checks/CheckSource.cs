namespace Paas.Core.Checks;

/// <summary>Where a plan's checks come from, in the order they are looked for.</summary>
public enum CheckSource
{
    /// <summary>app.json <c>healthchecks.&lt;type&gt;</c> startup checks.</summary>
    AppJson,

    /// <summary>The legacy CHECKS file (web only).</summary>
    ChecksFile,

    /// <summary>Neither: the process stays up default-wait seconds, and web accepts connections on $PORT.</summary>
    Default,
}
