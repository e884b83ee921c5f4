using System.Globalization;

namespace Paas.Runtime.UserNamespaces;

/// <summary>
/// Reads the range reserved for a user in /etc/subuid and /etc/subgid ("name:start:count" lines,
/// shadow-utils' format). runc, run as root, writes uid_map itself and ignores these files; they are
/// the host's record that no other user or tool may hand the range out.
/// </summary>
public static class SubordinateIds
{
    public const string DefaultUser = "paas";

    public static UserNamespaceMapping Read(string user = DefaultUser, string subuid = "/etc/subuid", string subgid = "/etc/subgid")
    {
        var (uid, uidCount) = Find(subuid, user);
        var (gid, gidCount) = Find(subgid, user);
        var count = Math.Min(uidCount, gidCount);
        try
        {
            return new UserNamespaceMapping(uid, gid, count);
        }
        catch (ArgumentException e)
        {
            throw new UserNamespaceException($"{subuid}/{subgid}: the range of user '{user}' is unusable: {e.Message}");
        }
    }

    private static (uint Start, uint Count) Find(string file, string user)
    {
        var fix = $"add a line '{user}:START:65536' with a START no other line's range overlaps (docker-free-install.sh does)";
        if (!File.Exists(file))
            throw new UserNamespaceException($"{file} is missing: {fix}");
        foreach (var line in File.ReadLines(file))
        {
            var fields = line.Split(':');
            if (fields.Length != 3 || fields[0] != user) continue;
            if (uint.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var start) &&
                uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                return (start, count);
            throw new UserNamespaceException($"{file}: the line for '{user}' is not 'name:start:count': {line}");
        }
        throw new UserNamespaceException($"{file} has no range for user '{user}': {fix}");
    }
}
