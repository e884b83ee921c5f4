using Paas.Core.Containers;

namespace Paas.Engine.Deploys;

/// <summary>
/// A run or enter that was checked, authorised and audited, ready to be attached to a session: the API
/// prepares it before it accepts a WebSocket, so a refusal is still an HTTP status with problem+json.
/// </summary>
public sealed class PreparedCommand(Func<IInteractiveSession, CancellationToken, Task<int>> run)
{
    /// <summary>Runs the command attached to <paramref name="session"/>; its exit code.</summary>
    public Task<int> RunAsync(IInteractiveSession session, CancellationToken ct) => run(session, ct);
}
