using Paas.Runtime.Images.Native;
using Paas.Runtime.Oci;
using Paas.Runtime.UserNamespaces;

namespace Paas.Runtime.Containers;

/// <summary>
/// Gives the pipes of the container's stdio (made by conmon, host root's) to the container's user,
/// as runc does without a user namespace. Inside one, runc's own fchown fails quietly (host root is
/// not mapped there), and a process that reopens its output by path (/dev/stdout, /proc/1/fd/1,
/// as nginx images log) would get "permission denied".
/// </summary>
internal static class StdioOwnership
{
    public static void GiveToProcess(int pid, OciProcessPlan process, UserNamespaceMapping userns)
    {
        for (var fd = 0; fd <= 2; fd++)
        {
            var path = $"/proc/{pid}/fd/{fd}";
            // Pipes only: /dev/null (stdin) is the host's and stays so.
            if (LibC.Statx(LibC.AtFdCwd, path, 0, LibC.StatxBasicStats, out var status) != 0 || (status.Mode & LibC.SIfMt) != LibC.SIfIfo) continue;
            LibC.Check(LibC.Chown(path, userns.ToHostUid(process.Uid), userns.ToHostGid(process.Gid)), "chown", path);
        }
    }
}
