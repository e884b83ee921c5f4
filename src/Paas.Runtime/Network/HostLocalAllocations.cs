using System.Net;

namespace Paas.Runtime.Network;

/// <summary>
/// host-local IPAM's state: one file per allocated address in <c>DATADIR/NETWORK/</c> holding the
/// owner's container id (first line; plugins ≥0.9 add the ifname on the second).
/// </summary>
internal static class HostLocalAllocations
{
    public static IReadOnlyList<string> Owners(string dataDir, string networkName)
    {
        var dir = Path.Combine(dataDir, networkName);
        if (!Directory.Exists(dir))
        {
            return [];
        }
        var owners = new List<string>();
        foreach (var file in Directory.EnumerateFiles(dir).Where(f => IPAddress.TryParse(Path.GetFileName(f), out _)))
        {
            try
            {
                owners.Add(File.ReadAllText(file).Split('\n')[0].Trim());
            }
            catch (FileNotFoundException)
            {
                // Released while we looked.
            }
        }
        return owners.Where(CniContainerId.IsValid).Distinct().ToList();
    }
}
