using System.Net.WebSockets;

namespace Paas.Cli.Sessions;

/// <summary>An open session socket and what must live as long as it does (the connection belongs to the handler).</summary>
public sealed class SessionConnection(WebSocket socket, HttpResponseMessage response, HttpMessageInvoker invoker) : IDisposable
{
    public WebSocket Socket => socket;

    public void Dispose()
    {
        socket.Dispose();
        response.Dispose();
        invoker.Dispose();
    }
}
