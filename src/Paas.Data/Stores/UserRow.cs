using Paas.Core.Auth;

namespace Paas.Data.Stores;

internal sealed class UserRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string? PasswordHash { get; init; }
    public string SecurityStamp { get; init; } = "";

    public User ToUser() => new(Id, Name, Enum.Parse<Role>(Role, ignoreCase: true), Timestamps.ToOffset(CreatedAt));

    public UserCredentials ToCredentials() => new(ToUser(), PasswordHash, SecurityStamp);
}
