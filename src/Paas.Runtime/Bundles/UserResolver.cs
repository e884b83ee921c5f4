namespace Paas.Runtime.Bundles;

/// <summary>
/// Turns "name", "uid", "name:group" or "uid:gid" into numeric ids using the container's own
/// /etc/passwd and /etc/group (never the host's), like Docker does for USER.
/// </summary>
public static class UserResolver
{
    /// <summary>The resolved user, or an error message saying what is missing.</summary>
    public static (UserSpec? User, string? Error) Resolve(string? user, RootfsView view)
    {
        if (string.IsNullOrWhiteSpace(user)) user = "0";
        var (userPart, groupPart) = user.Split(':', 2) is [var u, var g] ? (u, g) : (user, null);
        var passwd = ReadTable(view, "/etc/passwd");
        var groups = ReadTable(view, "/etc/group");

        string[]? entry = uint.TryParse(userPart, out var uidNumber)
            ? passwd.FirstOrDefault(p => p.Length > 3 && p[2] == userPart)
            : passwd.FirstOrDefault(p => p.Length > 3 && p[0] == userPart);
        if (entry is null && !uint.TryParse(userPart, out uidNumber))
            return (null, $"user '{userPart}' is not in the image's /etc/passwd; use a numeric uid or add the user to the stack");
        var uid = entry is not null ? uint.Parse(entry[2]) : uidNumber;
        var gid = entry is not null && uint.TryParse(entry[3], out var g0) ? g0 : uid;
        var home = entry is { Length: > 5 } ? entry[5] : "/";

        if (groupPart is not null)
        {
            if (uint.TryParse(groupPart, out var gidNumber)) gid = gidNumber;
            else if (groups.FirstOrDefault(g => g.Length > 2 && g[0] == groupPart) is { } grp) gid = uint.Parse(grp[2]);
            else return (null, $"group '{groupPart}' is not in the image's /etc/group");
        }

        var name = entry?[0];
        var additional = name is null
            ? []
            : groups.Where(g => g.Length > 3 && g[3].Split(',').Contains(name) && uint.TryParse(g[2], out _))
                .Select(g => uint.Parse(g[2])).Where(x => x != gid).Distinct().ToList();
        return (new UserSpec(uid, gid, additional, string.IsNullOrEmpty(home) ? "/" : home), null);
    }

    private static List<string[]> ReadTable(RootfsView view, string containerPath)
    {
        var host = view.Resolve(containerPath);
        if (host is null || !File.Exists(host)) return [];
        return File.ReadLines(host)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(':'))
            .ToList();
    }
}
