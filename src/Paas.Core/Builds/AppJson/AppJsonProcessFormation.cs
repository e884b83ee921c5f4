namespace Paas.Core.Builds.AppJson;

/// <summary>
/// app.json <c>formation.&lt;type&gt;</c>: how many containers the process type runs
/// (<c>quantity</c>) and how many of them a deploy replaces at once (<c>max_parallel</c>, Dokku's
/// deploy parallelism). A null field was not given.
/// </summary>
public sealed record AppJsonProcessFormation(int? Quantity, int? MaxParallel);
