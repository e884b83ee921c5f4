using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Operations;

namespace Paas.Engine.Releases;

/// <summary>releases APP: the history, newest first. Config snapshots stay out of the listing.</summary>
public sealed class ReleaseOperations(StateOperation op)
{
    public Task<IReadOnlyList<ReleaseView>> ListAsync(Actor actor, string app, CancellationToken ct) =>
        op.ReadAsync<IReadOnlyList<ReleaseView>>(async s =>
        {
            var found = await StateOperation.RequireAppAsync(s, actor, app, forUpdate: false, ct);
            return (await s.Releases.ListAsync(found.Id, ct))
                .Select(r => new ReleaseView(r.Version, r.Description, r.ImageDigest, r.CreatedBy, r.CreatedAt, r.Commit, r.BuildId)).ToList();
        }, ct);
}
