namespace Paas.Core.Formation;

/// <summary>How many containers of a process type should run.</summary>
public sealed record FormationEntry(string ProcessType, int Quantity);
