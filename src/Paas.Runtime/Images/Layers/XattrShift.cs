using System.Buffers.Binary;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Images.Layers;

/// <summary>
/// Shifts the ids an extended attribute holds into the containers' user namespace, as the chown
/// of the file itself is shifted: file capabilities get the namespace's root as their owner (a v2
/// capability written by host root would only ever apply to host root, so it becomes v3 with a
/// root id), POSIX ACL entries for named users and groups get host ids.
/// </summary>
internal static class XattrShift
{
    public const string Capability = "security.capability";
    public const string AclAccess = "system.posix_acl_access";
    public const string AclDefault = "system.posix_acl_default";

    private const uint RevisionMask = 0xFF000000;
    private const uint Revision2 = 0x02000000;
    private const uint Revision3 = 0x03000000;
    private const int Capability2Size = 20;
    private const int Capability3Size = 24;

    private const int AclHeaderSize = 4;
    private const int AclEntrySize = 8;
    private const ushort AclUser = 0x02;
    private const ushort AclGroup = 0x08;

    public static byte[] Shift(string name, byte[] value, UserNamespaceMapping mapping) => name switch
    {
        Capability => ShiftCapability(value, mapping),
        AclAccess or AclDefault => ShiftAcl(value, mapping),
        _ => value,
    };

    private static byte[] ShiftCapability(byte[] value, UserNamespaceMapping mapping)
    {
        if (value.Length < 4) return value;
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(value);
        switch (magic & RevisionMask)
        {
            case Revision2 when value.Length == Capability2Size:
                var v3 = new byte[Capability3Size];
                value.CopyTo(v3, 0);
                BinaryPrimitives.WriteUInt32LittleEndian(v3, (magic & ~RevisionMask) | Revision3);
                BinaryPrimitives.WriteUInt32LittleEndian(v3.AsSpan(Capability2Size), mapping.ToHostUid(0));
                return v3;
            case Revision3 when value.Length == Capability3Size:
                var shifted = (byte[])value.Clone();
                var rootId = BinaryPrimitives.ReadUInt32LittleEndian(value.AsSpan(Capability2Size));
                BinaryPrimitives.WriteUInt32LittleEndian(shifted.AsSpan(Capability2Size), mapping.ToHostUid(rootId));
                return shifted;
            default:
                return value;
        }
    }

    private static byte[] ShiftAcl(byte[] value, UserNamespaceMapping mapping)
    {
        if (value.Length < AclHeaderSize || (value.Length - AclHeaderSize) % AclEntrySize != 0) return value;
        var shifted = (byte[])value.Clone();
        for (var offset = AclHeaderSize; offset < value.Length; offset += AclEntrySize)
        {
            var tag = BinaryPrimitives.ReadUInt16LittleEndian(value.AsSpan(offset));
            var id = shifted.AsSpan(offset + 4, 4);
            if (tag == AclUser) BinaryPrimitives.WriteUInt32LittleEndian(id, mapping.ToHostUid(BinaryPrimitives.ReadUInt32LittleEndian(id)));
            else if (tag == AclGroup) BinaryPrimitives.WriteUInt32LittleEndian(id, mapping.ToHostGid(BinaryPrimitives.ReadUInt32LittleEndian(id)));
        }
        return shifted;
    }
}
