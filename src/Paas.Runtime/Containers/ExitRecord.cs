namespace Paas.Runtime.Containers;

/// <summary>How a container ended (exit.json), written the first time the exit is observed.</summary>
public sealed record ExitRecord(int ExitCode, DateTimeOffset FinishedAt, bool OomKilled);
