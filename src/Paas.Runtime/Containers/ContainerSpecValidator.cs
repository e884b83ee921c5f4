using System.Text.RegularExpressions;
using Paas.Core.Containers;

namespace Paas.Runtime.Containers;

/// <summary>
/// Checks a spec before anything is created and reports every problem at once, each saying
/// how to fix it (YARP ConfigValidator style).
/// </summary>
public static partial class ContainerSpecValidator
{
    /// <summary>Below this the container cannot even start its init (Docker's minimum is 6 MB too).</summary>
    public const long MinMemoryBytes = 6 * 1024 * 1024;

    private static readonly string[] ReservedDestinations = ["/proc", "/sys", "/dev"];

    public static IReadOnlyList<string> Validate(ContainerSpec spec, IReadOnlyList<string> allowedVolumeRoots)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(spec.Image)) problems.Add("image is empty: give an image reference such as stack/host");
        if (!HostnameRegex().IsMatch(spec.Hostname ?? ""))
            problems.Add($"hostname '{spec.Hostname}' is invalid: use 1-63 letters, digits, '-' and '.'");

        var limits = spec.Limits;
        if (limits.MemoryBytes is { } m && m < MinMemoryBytes)
            problems.Add(m <= 0
                ? $"memory limit {m} must be positive, e.g. 512m"
                : $"memory limit {m} bytes is below the minimum of 6 MiB, e.g. use 512m");
        if (limits.Cpus is { } c && (c < 0.01m || c > Environment.ProcessorCount))
            problems.Add($"cpu limit {c} is out of range: use 0.01 to {Environment.ProcessorCount} (CPUs on this host)");
        if (limits.Pids is { } p && p < 2)
            problems.Add($"pids limit {p} is too small: the init and the command need at least 2");

        foreach (var key in spec.Env.Keys)
            if (!EnvKeyRegex().IsMatch(key))
                problems.Add($"environment variable name '{key}' is invalid: use letters, digits and '_', not starting with a digit");
        foreach (var (key, value) in spec.Env)
            if (value.Contains('\0')) problems.Add($"environment variable '{key}' contains a NUL byte");
        if (spec.Command.Any(a => a.Contains('\0'))) problems.Add("the command contains a NUL byte");
        if (spec.WorkingDir is { Length: > 0 } wd && !wd.StartsWith('/'))
            problems.Add($"working dir '{wd}' must be an absolute path");

        if (spec.Ports.Count > 0 && spec.Network != NetworkMode.Bridge)
            problems.Add($"ports need network mode Bridge (got {spec.Network}): the container has no address to forward to");

        foreach (var volume in spec.Volumes) problems.AddRange(CheckVolume(volume, allowedVolumeRoots));
        return problems;
    }

    private static IEnumerable<string> CheckVolume(VolumeMount volume, IReadOnlyList<string> allowedRoots)
    {
        if (!volume.Destination.StartsWith('/') || volume.Destination.Split('/').Contains("..") || volume.Destination == "/")
        {
            yield return $"volume destination '{volume.Destination}' must be an absolute path below / without '..'";
        }
        else if (ReservedDestinations.Any(r => volume.Destination == r || volume.Destination.StartsWith(r + "/", StringComparison.Ordinal)))
        {
            yield return $"volume destination '{volume.Destination}' is reserved for the runtime (/proc, /sys, /dev)";
        }

        if (!volume.Source.StartsWith('/'))
        {
            yield return $"volume source '{volume.Source}' must be an absolute host path";
            yield break;
        }
        var real = RealPath(volume.Source);
        if (real is null)
        {
            yield return $"volume source '{volume.Source}' does not exist: create it under {string.Join(" or ", allowedRoots)} first";
            yield break;
        }
        if (!allowedRoots.Select(RealPath).OfType<string>().Any(root => real == root || real.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal)))
            yield return $"volume source '{volume.Source}' is outside the allowed roots ({string.Join(", ", allowedRoots)}): use `paas storage:mount` with a directory under one of them";
    }

    /// <summary>The canonical path with every symlink resolved, so a link cannot smuggle a host dir in.</summary>
    private static string? RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full) && !File.Exists(full)) return null;
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                if (target is null) return null;
                return RealPath(Path.Combine([target, .. parts[(i + 1)..]]));
            }
            current = next;
        }
        return current;
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9.-]{0,62})$")]
    private static partial Regex HostnameRegex();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvKeyRegex();
}
