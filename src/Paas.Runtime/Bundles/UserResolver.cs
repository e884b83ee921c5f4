using System.Globalization;

namespace Paas.Runtime.Bundles;

/// <summary>
/// Turns "name", "uid", "name:group" or "uid:gid" into numeric ids using the container's own
/// /etc/passwd and /etc/group (never the host's), like Docker does for USER. Those files are the
/// image's: read only as small regular files, and a malformed line is a problem, not a crash.
/// </summary>
public static class UserResolver
{
    /// <summary>The resolved user, or an error message saying what is missing.</summary>
    public static (UserSpec? User, string? Error) Resolve(string? user, RootfsView view)
    {
        if (string.IsNullOrWhiteSpace(user)) user = "0";
        var (userPart, groupPart) = user.Split(':', 2) is [var u, var g] ? (u, g) : (user, null);
        List<string[]> passwd, groups;
        try
        {
            passwd = ReadTable(view, "/etc/passwd");
            groups = ReadTable(view, "/etc/group");
        }
        catch (ContainerFileException e)
        {
            return (null, e.Message);
        }

        var numeric = TryId(userPart, out var uidNumber);
        var entry = numeric
            ? passwd.FirstOrDefault(p => p.Length > 3 && p[2] == userPart)
            : passwd.FirstOrDefault(p => p.Length > 3 && p[0] == userPart);
        if (entry is null && !numeric)
            return (null, $"user '{userPart}' is not in the image's /etc/passwd; use a numeric uid or add the user to the stack");
        uint uid = uidNumber, gid;
        if (entry is not null && !TryId(entry[2], out uid))
            return (null, $"the image's /etc/passwd gives user '{userPart}' the uid '{entry[2]}', which is not a number; fix the image");
        gid = entry is not null && TryId(entry[3], out var g0) ? g0 : uid;
        var home = entry is { Length: > 5 } ? entry[5] : "/";

        if (groupPart is not null)
        {
            if (TryId(groupPart, out var gidNumber)) gid = gidNumber;
            else if (groups.FirstOrDefault(g => g.Length > 2 && g[0] == groupPart) is { } grp && TryId(grp[2], out var named)) gid = named;
            else return (null, $"group '{groupPart}' is not in the image's /etc/group");
        }

        var name = entry?[0];
        var additional = name is null
            ? []
            : groups.Where(g => g.Length > 3 && g[3].Split(',').Contains(name))
                .Select(g => TryId(g[2], out var id) ? id : (uint?)null).OfType<uint>()
                .Where(x => x != gid).Distinct().ToList();
        return (new UserSpec(uid, gid, additional, string.IsNullOrEmpty(home) ? "/" : home), null);
    }

    private static bool TryId(string text, out uint id) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private static List<string[]> ReadTable(RootfsView view, string containerPath) =>
        view.ReadSmallFile(containerPath) is { } content
            ? content.Split('\n')
                .Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => l.Split(':'))
                .ToList()
            : [];
}
