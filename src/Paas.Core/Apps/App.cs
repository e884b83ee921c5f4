namespace Paas.Core.Apps;

/// <summary>An application. <see cref="CurrentRelease"/> is null until the first release exists.</summary>
public sealed record App(long Id, string Name, DateTimeOffset CreatedAt, bool Locked, int? CurrentRelease);
