namespace Paas.Core.Builds;

/// <summary>Lines of a build log from an offset on; <see cref="NextOffset"/> is where the next read starts. <see cref="Exists"/> is false when the build has no log (never started, or its app's logs were removed).</summary>
public sealed record BuildLogChunk(IReadOnlyList<string> Lines, long NextOffset, bool Exists);
