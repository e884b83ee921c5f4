namespace Paas.Core.Auth;

public sealed record User(long Id, string Name, Role Role, DateTimeOffset CreatedAt);
