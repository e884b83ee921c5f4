using Paas.Runtime.UserNamespaces;

namespace Paas.Testing;

/// <summary>
/// The containers' user namespace for tests: the same /etc/subuid and /etc/subgid range paasd reads
/// (tests/run.sh reserves it with the install script's function, scripts/subordinate-ids.sh).
/// </summary>
public static class TestUserNamespace
{
    private static readonly Lazy<UserNamespaceMapping> Range = new(() =>
    {
        try
        {
            return SubordinateIds.Read();
        }
        catch (UserNamespaceException e)
        {
            throw new InvalidOperationException(
                $"{e.Message}. Run tests/run.sh once as root, or: bash -c 'source scripts/subordinate-ids.sh && ensure_subordinate_ids'", e);
        }
    });

    public static UserNamespaceMapping Mapping => Range.Value;
}
