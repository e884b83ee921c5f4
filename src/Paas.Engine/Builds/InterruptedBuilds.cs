using Paas.Core.Builds;
using Paas.Engine.Operations;

namespace Paas.Engine.Builds;

/// <summary>At paasd start: builds a previous paasd left unfinished (it stopped or crashed) are failed, saying so.</summary>
public sealed class InterruptedBuilds(StateOperation op)
{
    public const string Reason = "interrupted: paasd stopped during the build; push again";

    /// <summary>Returns how many were recorded as failed.</summary>
    public Task<int> RecordAsync(CancellationToken ct) =>
        op.RunAsync(async s =>
        {
            var unfinished = await s.Builds.ListUnfinishedAsync(ct);
            foreach (var build in unfinished)
                await s.Builds.FinishAsync(build.Id, BuildStatus.Failed, null, null, Reason, ct);
            return unfinished.Count;
        }, ct);
}
