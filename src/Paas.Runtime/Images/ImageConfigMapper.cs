using System.Runtime.InteropServices;
using Paas.Core.Images;
using Paas.Runtime.Images.Oci;

namespace Paas.Runtime.Images;

/// <summary>Between <see cref="ImageConfig"/> and the OCI config document, including inheritance from a base image.</summary>
internal static class ImageConfigMapper
{
    public static ImageConfig ToImageConfig(OciRuntimeConfig? config) => new(
        config?.Env ?? [],
        config?.Entrypoint ?? [],
        config?.Cmd ?? [],
        config?.WorkingDir ?? "",
        config?.User ?? "",
        config?.Labels ?? new Dictionary<string, string>());

    public static OciRuntimeConfig ToOci(ImageConfig config) => new(
        User: NullIfEmpty(config.User),
        Env: config.Env.Count == 0 ? null : config.Env,
        Entrypoint: config.Entrypoint.Count == 0 ? null : config.Entrypoint,
        Cmd: config.Cmd.Count == 0 ? null : config.Cmd,
        WorkingDir: NullIfEmpty(config.WorkingDir),
        Labels: config.Labels.Count == 0 ? null : config.Labels);

    /// <summary>
    /// What an image built on <paramref name="baseConfig"/> gets, as a Dockerfile FROM would:
    /// the base's env and labels with the child's on top (by name), and the base's entrypoint,
    /// cmd, working dir and user unless the child sets its own. This is how the host stack's
    /// bind list reaches every app image built on it.
    /// </summary>
    public static ImageConfig Inherit(ImageConfig baseConfig, ImageConfig child)
    {
        var env = new List<string>();
        var childNames = child.Env.Select(EnvName).ToHashSet(StringComparer.Ordinal);
        env.AddRange(baseConfig.Env.Where(e => !childNames.Contains(EnvName(e))));
        env.AddRange(child.Env);

        var labels = new Dictionary<string, string>(baseConfig.Labels, StringComparer.Ordinal);
        foreach (var (key, value) in child.Labels)
        {
            labels[key] = value;
        }

        return new ImageConfig(
            env,
            child.Entrypoint.Count > 0 ? child.Entrypoint : baseConfig.Entrypoint,
            child.Cmd.Count > 0 || child.Entrypoint.Count > 0 ? child.Cmd : baseConfig.Cmd,
            child.WorkingDir.Length > 0 ? child.WorkingDir : baseConfig.WorkingDir,
            child.User.Length > 0 ? child.User : baseConfig.User,
            labels);
    }

    /// <summary>GOARCH names, as the image spec wants ("amd64", "arm64").</summary>
    public static string CurrentArchitecture() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        Architecture.Arm => "arm",
        Architecture.X86 => "386",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        var other => other.ToString().ToLowerInvariant(),
    };

    private static string EnvName(string entry)
    {
        var eq = entry.IndexOf('=');
        return eq < 0 ? entry : entry[..eq];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
