namespace Paas.Core.Contracts;

/// <summary><c>stacks:create NAME --from debootstrap|host</c>.</summary>
public sealed record CreateStackRequest(string Name, string From);

public sealed record SetDefaultStackRequest(string Name);

public sealed record StackView(string Name, string Source, string ImageReference, DateTimeOffset CreatedAt, bool IsDefault);
