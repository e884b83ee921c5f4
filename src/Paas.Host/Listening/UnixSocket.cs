using System.Net.Sockets;
using System.Runtime.InteropServices;
using Paas.Host.Configuration;

namespace Paas.Host.Listening;

/// <summary>
/// The socket file is removed if stale (a crashed paasd leaves it behind) and, once listening, made
/// mode 0660 with group <c>paas</c> (PAAS_SOCKET_GROUP), so only root and that group reach the administrator's
/// API; the SSH user is in that group, and its requests name the SSH key they act for.
/// </summary>
public static class UnixSocket
{
    public const string Group = "paas";

    public static void PrepareForListening(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path)) return;
        if (IsAnswering(path))
            throw new SettingsException($"another paasd is already listening on {path}: stop it first, or set PAAS_SOCKET");
        File.Delete(path);
    }

    public static void Restrict(string path, string group = Group)
    {
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        var gid = GroupId(group);
        if (gid is not null)
            _ = chown(path, -1, (int)gid.Value);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(string path, int owner, int group);

    private static bool IsAnswering(string path)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static uint? GroupId(string name)
    {
        if (!File.Exists("/etc/group")) return null;
        foreach (var line in File.ReadLines("/etc/group"))
        {
            var fields = line.Split(':');
            if (fields.Length > 2 && fields[0] == name && uint.TryParse(fields[2], out var gid))
                return gid;
        }
        return null;
    }
}
