namespace Paas.Core.Contracts;

/// <summary>users:add. Role is admin or developer; a null password has one generated (returned once in <see cref="CreatedUser"/>).</summary>
public sealed record AddUserRequest(string Name, string Role = "developer", string? Password = null);

/// <summary><see cref="Password"/> is set only when it was generated: the only time it is shown.</summary>
public sealed record CreatedUser(string Name, string Role, string? Password);

public sealed record UserView(string Name, string Role, DateTimeOffset CreatedAt, bool HasPassword, int Tokens, int SshKeys, IReadOnlyList<string> Apps);

/// <summary>users:passwd. A null password has one generated.</summary>
public sealed record SetPasswordRequest(string? Password = null);

public sealed record PasswordChanged(string Name, string? Password);

public sealed record GrantView(string App, string User, string Role);

/// <summary>POST /auth/login as JSON.</summary>
public sealed record LoginRequest(string Username, string Password);

/// <summary>GET /auth/me: who the cookie (or token) stands for.</summary>
public sealed record MeView(string Name, string Role);
