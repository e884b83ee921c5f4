namespace Paas.Core.Contracts;

/// <summary><c>ps:scale APP web=2 worker=1</c>: the desired quantity per process type.</summary>
public sealed record ScaleRequest(IReadOnlyDictionary<string, int> Quantities);

/// <summary>
/// <c>resource:limit</c>. Values as users type them (memory <c>512m</c>, cpu <c>0.5</c>, pids <c>256</c>);
/// the server parses them so every front end gets the same messages. A null field is left as it was.
/// </summary>
public sealed record SetLimitsRequest(string? ProcessType, string? Memory, string? Cpu, string? Pids);

/// <summary>Stored limits of the app (<see cref="ProcessType"/> null) or one process type. Null fields inherit.</summary>
public sealed record LimitsView(string? ProcessType, long? MemoryBytes, decimal? Cpus, int? Pids);
