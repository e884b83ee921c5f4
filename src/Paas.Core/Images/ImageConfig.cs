namespace Paas.Core.Images;

/// <summary>
/// The runnable part of an OCI image config (config.Env, Entrypoint, Cmd, WorkingDir, User, Labels).
/// Env entries are "NAME=value" as in the OCI spec.
/// </summary>
public sealed record ImageConfig(
    IReadOnlyList<string> Env,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    string WorkingDir,
    string User,
    IReadOnlyDictionary<string, string> Labels)
{
    public static ImageConfig Empty { get; } =
        new([], [], [], "", "", new Dictionary<string, string>());
}
