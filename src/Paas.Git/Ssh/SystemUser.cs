namespace Paas.Git.Ssh;

/// <summary>A line of /etc/passwd: enough to own a file and find a home.</summary>
public sealed record SystemUser(string Name, int Uid, int Gid, string Home)
{
    public static SystemUser? Find(string name, string passwdFile = "/etc/passwd")
    {
        if (!File.Exists(passwdFile)) return null;
        foreach (var line in File.ReadLines(passwdFile))
        {
            var fields = line.Split(':');
            if (fields.Length >= 7 && fields[0] == name && int.TryParse(fields[2], out var uid) && int.TryParse(fields[3], out var gid))
                return new SystemUser(name, uid, gid, fields[5]);
        }
        return null;
    }
}
