namespace Paas.Builds.Driver;

/// <summary>
/// What the driver reported: the built-ins it tried (detection), the buildpacks it used with the
/// names their bin/detect printed, the step that failed, the last buildpack's bin/release output and
/// a Procfile the buildpacks generated. Written by the build's own user, so it is data, not truth:
/// read bounded, shown as text, validated before use.
/// </summary>
internal sealed record DriverResults(
    IReadOnlyList<string> Tried,
    IReadOnlyList<(string Buildpack, string Label)> Used,
    DriverFailure? Failure,
    string? ReleaseYaml,
    string? GeneratedProcfile);
