using System.Runtime.InteropServices;
using Paas.Runtime.Images.Native;

namespace Paas.Runtime.Bundles;

/// <summary>
/// Reads a small file of a container's filesystem on the host, as root, without trusting it: every
/// path component is opened without following symlinks (the caller has resolved them the way the
/// container would), the file itself first as a bare handle (O_PATH: opening a FIFO or a device
/// neither blocks nor has side effects), and it is read only when that handle is a regular file
/// within the size cap. So a FIFO cannot hang paasd and /dev/zero cannot fill its memory.
/// </summary>
internal static class ContainerFileReader
{
    public const int MaxBytes = 1 << 20;

    /// <summary>Reads <paramref name="relative"/> (no symlinks in it) below the trusted <paramref name="baseDir"/>.</summary>
    public static byte[] Read(string baseDir, string relative, string containerPath)
    {
        var dir = Check(LibC.Open(baseDir, LibC.OPath | LibC.ODirectory | LibC.OCloExec, 0), containerPath, "open " + baseDir);
        var parts = relative.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new ContainerFileException($"the image's {containerPath} is a directory, not a regular file");
        try
        {
            foreach (var part in parts[..^1])
            {
                var next = LibC.OpenAt(dir, part, LibC.OPath | LibC.ODirectory | LibC.ONoFollow | LibC.OCloExec, 0);
                if (next == -1)
                    throw new ContainerFileException($"the image's {containerPath} cannot be read: '{part}' on its way is not a directory ({Errno()})");
                LibC.Close(dir);
                dir = next;
            }

            var handle = LibC.OpenAt(dir, parts[^1], LibC.OPath | LibC.ONoFollow | LibC.OCloExec, 0);
            if (handle == -1) throw new ContainerFileException($"the image's {containerPath} cannot be opened ({Errno()})");
            try
            {
                return ReadRegular(handle, containerPath);
            }
            finally
            {
                LibC.Close(handle);
            }
        }
        finally
        {
            LibC.Close(dir);
        }
    }

    private static byte[] ReadRegular(int handle, string containerPath)
    {
        if (LibC.Statx(handle, "", LibC.AtEmptyPath | LibC.AtSymlinkNoFollow, LibC.StatxBasicStats, out var status) == -1)
            throw new ContainerFileException($"the image's {containerPath} cannot be examined ({Errno()})");
        var type = status.Mode & LibC.SIfMt;
        if (type != LibC.SIfReg)
            throw new ContainerFileException(
                $"the image's {containerPath} is a {TypeName(type)}, not a regular file: paasd reads it only as a regular file of at most {MaxBytes / 1024} KiB; fix the image");
        if (status.Size > MaxBytes)
            throw new ContainerFileException($"the image's {containerPath} is {status.Size} bytes, more than the {MaxBytes / 1024} KiB paasd reads; fix the image");

        // Reopened through the handle, so it is the very inode just checked.
        var fd = Check(LibC.Open($"/proc/self/fd/{handle}", LibC.ORdOnly | LibC.ONonBlock | LibC.ONoCtty | LibC.OCloExec, 0), containerPath, "reopen");
        try
        {
            var content = new MemoryStream();
            var chunk = new byte[64 * 1024];
            while (true)
            {
                var n = LibC.Read(fd, chunk, (nuint)chunk.Length);
                if (n < 0) throw new ContainerFileException($"the image's {containerPath} cannot be read ({Errno()})");
                if (n == 0) break;
                content.Write(chunk, 0, (int)n);
                if (content.Length > MaxBytes)
                    throw new ContainerFileException($"the image's {containerPath} grew past the {MaxBytes / 1024} KiB paasd reads; fix the image");
            }
            return content.ToArray();
        }
        finally
        {
            LibC.Close(fd);
        }
    }

    private static int Check(int fd, string containerPath, string what) =>
        fd != -1 ? fd : throw new ContainerFileException($"the image's {containerPath} cannot be read: {what} failed ({Errno()})");

    private static string Errno() => Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());

    private static string TypeName(uint type) => type switch
    {
        LibC.SIfIfo => "FIFO",
        LibC.SIfChr => "character device",
        LibC.SIfBlk => "block device",
        LibC.SIfSock => "socket",
        LibC.SIfDir => "directory",
        LibC.SIfLnk => "symlink",
        _ => "special file",
    };
}
