using Paas.Core.Limits;

namespace Paas.Core.Formation;

/// <summary>Limits stored for an app (<see cref="ProcessType"/> null) or one of its process types.</summary>
public sealed record ProcessLimits(string? ProcessType, ResourceLimits Limits);
