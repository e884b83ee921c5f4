namespace Paas.Core.Auth;

/// <summary>A user with what a login is checked against. <see cref="PasswordHash"/> is null until a password is set.</summary>
public sealed record UserCredentials(User User, string? PasswordHash, string SecurityStamp);
