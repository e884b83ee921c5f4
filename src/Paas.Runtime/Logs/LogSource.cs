namespace Paas.Runtime.Logs;

/// <summary>Who wrote a log file (&lt;id&gt;.meta.json next to the container's log files).</summary>
public sealed record LogSource(string App, string ProcessType, string ContainerId);
