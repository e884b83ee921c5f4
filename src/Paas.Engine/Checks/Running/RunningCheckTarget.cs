using Paas.Core.Checks;

namespace Paas.Engine.Checks.Running;

/// <summary>One running container and the liveness/readiness checks app.json declares for its process type.</summary>
public sealed record RunningCheckTarget(long AppId, string App, CheckTarget Target, IReadOnlyList<HealthCheck> Checks);
