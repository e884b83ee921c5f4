namespace Paas.Core.Auth;

/// <summary>A user as users:list shows it: what they own, never secrets.</summary>
public sealed record UserSummary(User User, bool HasPassword, int Tokens, int SshKeys, IReadOnlyList<string> Apps);
