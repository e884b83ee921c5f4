using System.Text.RegularExpressions;

namespace Paas.Core.Storage;

/// <summary>
/// <c>storage:mount</c>'s "NAME:/container/path[:ro]": the app's volume NAME at an absolute path in every
/// container of the app's run phase. Only a name is accepted, never a host path: the host directory is
/// the app's own (see <see cref="IAppVolumes"/>), so no app can name the host's files or another app's.
/// </summary>
public sealed partial record StorageMount(string Name, string ContainerPath, bool ReadOnly)
{
    /// <summary>Paths the runtime owns in every container: a mount there would hide or replace them.</summary>
    private static readonly string[] Reserved = ["/proc", "/sys", "/dev"];

    public override string ToString() => $"{Name}:{ContainerPath}{(ReadOnly ? ":ro" : "")}";

    /// <summary>Null and the mount when <paramref name="text"/> is valid, otherwise a message that says how to fix it.</summary>
    public static string? TryParse(string text, out StorageMount mount)
    {
        mount = new StorageMount("", "", false);
        if (string.IsNullOrWhiteSpace(text))
            return "no mount given: use NAME:/container/path, for example uploads:/app/uploads";
        var readOnly = false;
        var body = text;
        if (body.EndsWith(":ro", StringComparison.Ordinal))
        {
            readOnly = true;
            body = body[..^3];
        }
        var colon = body.IndexOf(':');
        if (colon < 0)
            return $"mount '{text}' has no container path: use NAME:/container/path, for example uploads:/app/uploads";
        var name = body[..colon];
        var path = body[(colon + 1)..];
        if (name.StartsWith('/') || name.StartsWith('.') || name.Contains('/'))
            return $"mount '{text}' names a host path '{name}': host paths are not accepted; give a volume name instead " +
                "(NAME:/container/path, for example uploads:/app/uploads), and Paas keeps its directory for the app";
        if (NameProblem(name) is { } nameProblem) return $"mount '{text}': {nameProblem}";
        if (PathProblem(path) is { } pathProblem) return $"mount '{text}': {pathProblem}";
        mount = new StorageMount(name, path, readOnly);
        return null;
    }

    public static string? NameProblem(string name) =>
        NameRegex().IsMatch(name)
            ? null
            : $"volume name '{name}' is invalid: use 1 to 63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit";

    public static string? PathProblem(string path)
    {
        if (!path.StartsWith('/'))
            return $"container path '{path}' must be absolute (start with '/')";
        if (path.Length > 4096 || path.Contains('\0') || path.Contains(':'))
            return $"container path '{path}' is invalid: at most 4096 characters, no NUL or ':'";
        var segments = path.Split('/')[1..];
        if (path == "/")
            return "container path '/' would hide the whole image: choose a directory below it";
        if (segments.Any(s => s is "" or "." or ".."))
            return $"container path '{path}' is not normalized: no '//', '.', '..' or trailing '/'";
        if (Reserved.Any(r => path == r || path.StartsWith(r + "/", StringComparison.Ordinal)))
            return $"container path '{path}' is reserved for the runtime (/proc, /sys, /dev): choose another directory";
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex NameRegex();
}
