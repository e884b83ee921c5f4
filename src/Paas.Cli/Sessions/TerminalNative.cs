using System.Runtime.InteropServices;

namespace Paas.Cli.Sessions;

/// <summary>
/// The libc calls a raw terminal needs. termios is handled as an opaque buffer (saved, copied, made raw
/// by cfmakeraw, written back), so its layout never has to be spelled out here.
/// </summary>
internal static class TerminalNative
{
    public const int StandardInput = 0;
    public const int StandardOutput = 1;
    public const int TcsaNow = 0;

    /// <summary>Larger than struct termios on any Linux ABI (60 bytes on x86_64 and arm64).</summary>
    public const int TermiosBufferSize = 256;

    private const nuint TiocGWinSz = 0x5413;

    [StructLayout(LayoutKind.Sequential)]
    private struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    [DllImport("libc", EntryPoint = "isatty")]
    public static extern int IsATty(int fd);

    [DllImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static extern int TcGetAttr(int fd, [Out] byte[] termios);

    [DllImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static extern int TcSetAttr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc", EntryPoint = "cfmakeraw")]
    public static extern void CfMakeRaw(byte[] termios);

    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int IoctlWinSize(int fd, nuint request, out WinSize size);

    /// <summary>The terminal's size on <paramref name="fd"/> as (columns, rows), or null when it is not a terminal or reports none.</summary>
    public static (int Columns, int Rows)? WindowSize(int fd) =>
        IoctlWinSize(fd, TiocGWinSz, out var size) == 0 && size.Columns > 0 && size.Rows > 0 ? (size.Columns, size.Rows) : null;
}
