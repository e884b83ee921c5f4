namespace Paas.Core.Contracts;

/// <summary>
/// One NDJSON frame of a streamed operation's output (ps:rebuild, builds:output -f): a line as it
/// happens, then one final frame with the exit code (0 done, 1 failed) and the error, if any.
/// </summary>
public sealed record OutputFrame(string? Line, int? Exit = null, string? Error = null);
