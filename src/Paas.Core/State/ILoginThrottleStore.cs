using Paas.Core.Auth;

namespace Paas.Core.State;

/// <summary>Failed logins per subject, in the state database so a restart does not forget them.</summary>
public interface ILoginThrottleStore
{
    /// <summary>The rows of these subjects, locked until the transaction ends (concurrent attempts count one after the other).</summary>
    Task<IReadOnlyList<LoginFailures>> FindForUpdateAsync(IReadOnlyList<string> subjects, CancellationToken ct);

    Task SaveAsync(LoginFailures failures, CancellationToken ct);

    Task ClearAsync(string subject, CancellationToken ct);

    /// <summary>Forgets subjects whose last failure is older than <paramref name="before"/>.</summary>
    Task PruneAsync(DateTimeOffset before, CancellationToken ct);
}
