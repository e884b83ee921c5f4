using Paas.Core.State;

namespace Paas.Engine.Operations;

/// <summary>Whether the state database answers, for /health: throws <see cref="Core.Errors.StateUnavailableException"/> with the reason when not.</summary>
public sealed class StateHealth(IStateStore state)
{
    public Task CheckAsync(CancellationToken ct) => state.CheckAsync(ct);
}
