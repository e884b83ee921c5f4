namespace Paas.Api.Auth;

/// <summary>An SSH key id paasd does not accept; its message is the whole answer (no token advice).</summary>
public sealed class SshKeyRefusedException(string message) : Exception(message);
