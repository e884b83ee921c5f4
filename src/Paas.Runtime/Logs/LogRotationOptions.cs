namespace Paas.Runtime.Logs;

/// <summary>A container's active log is rotated past <see cref="MaxFileBytes"/>; an app keeps at most <see cref="MaxAppBytes"/> in total.</summary>
public sealed record LogRotationOptions(long MaxFileBytes = 10 * 1024 * 1024, long MaxAppBytes = 100 * 1024 * 1024);
