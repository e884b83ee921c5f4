namespace Paas.Core.Contracts;

/// <summary>GET /api/v1/health when paasd and its state database both answer.</summary>
public sealed record HealthView(string Status, string Database);
