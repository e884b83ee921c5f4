using System.Runtime.InteropServices;

namespace Paas.Runtime.Images.Native;

/// <summary>
/// struct statx from linux/stat.h. Its layout is the same on every architecture, unlike struct
/// stat, which is why it is used here.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 256)]
internal struct StatxBuffer
{
    public uint Mask;
    public uint BlockSize;
    public ulong Attributes;
    public uint NLink;
    public uint Uid;
    public uint Gid;
    public ushort Mode;
    public ushort Padding0;
    public ulong Inode;
    public ulong Size;
    public ulong Blocks;
    public ulong AttributesMask;
    public StatxTimestamp AccessTime;
    public StatxTimestamp BirthTime;
    public StatxTimestamp ChangeTime;
    public StatxTimestamp ModifyTime;
    public uint RDevMajor;
    public uint RDevMinor;
    public uint DevMajor;
    public uint DevMinor;
}
