using Paas.Core.Stacks;

namespace Paas.Runtime.Stacks;

/// <summary>
/// The host stack binds /usr (and friends) read-only, not recursively: a recursive bind would bring
/// along whatever is mounted below, writable ones too. But inside a container's user namespace the
/// kernel refuses (EINVAL) a plain bind of a directory with mounts below it, since it would uncover
/// what they hide; every container on the stack would then fail to start with runc's bare error.
/// So the stack is refused when it is made, saying which mounts are in the way.
/// </summary>
internal static class HostBindSubmounts
{
    /// <summary>Throws <see cref="StackBuildException"/> when a mount point lies below one of <paramref name="binds"/>.</summary>
    public static void EnsureNone(IReadOnlyList<string> binds, IEnumerable<string> mountPoints)
    {
        var below = mountPoints
            .Where(m => binds.Any(b => m.StartsWith(b.TrimEnd('/') + "/", StringComparison.Ordinal)))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        if (below.Count > 0)
            throw new StackBuildException(
                $"the host has mounts below {string.Join(", ", binds.Where(b => below.Any(m => m.StartsWith(b.TrimEnd('/') + "/", StringComparison.Ordinal))))} " +
                $"({string.Join(", ", below)}), which containers in a user namespace cannot bind without: " +
                "unmount them, or use a debootstrap stack (`paas stacks:create NAME --from debootstrap`)");
    }
}
