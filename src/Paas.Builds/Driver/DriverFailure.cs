namespace Paas.Builds.Driver;

/// <summary>A driver step that failed: "fetch", "compile" or "release", of which buildpack, with which exit code.</summary>
internal sealed record DriverFailure(string Step, string Buildpack, string ExitCode);
