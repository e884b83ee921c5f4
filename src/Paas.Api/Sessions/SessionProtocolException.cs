namespace Paas.Api.Sessions;

/// <summary>The client broke the session protocol (docs/API-RUN.md): paasd closes with 1008 and the command is killed.</summary>
public sealed class SessionProtocolException(string message) : IOException(message);
