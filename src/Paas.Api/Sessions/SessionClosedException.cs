namespace Paas.Api.Sessions;

/// <summary>The client left (closed the WebSocket or lost the connection) while its command ran: the command is killed.</summary>
public sealed class SessionClosedException(string message) : IOException(message);
