using System.Runtime.InteropServices;
using System.Text;

namespace Paas.Runtime.Tests.Images;

/// <summary>Reads an extended attribute (lgetxattr), e.g. overlayfs's trusted.overlay.opaque.</summary>
public static class Xattr
{
    public static string? Get(string path, string name)
    {
        var buffer = new byte[256];
        var length = LGetXattr(path, name, buffer, (nuint)buffer.Length);
        return length < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)length);
    }

    [DllImport("libc", EntryPoint = "lgetxattr", SetLastError = true)]
    private static extern nint LGetXattr(string path, string name, byte[] value, nuint size);
}
