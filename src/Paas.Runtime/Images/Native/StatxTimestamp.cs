using System.Runtime.InteropServices;

namespace Paas.Runtime.Images.Native;

[StructLayout(LayoutKind.Sequential)]
internal struct StatxTimestamp
{
    public long Seconds;
    public uint Nanoseconds;
    public int Reserved;
}
