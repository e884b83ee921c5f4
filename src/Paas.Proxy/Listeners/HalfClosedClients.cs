using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Paas.Proxy.Listeners;

/// <summary>
/// Lets a client half-close: send its request, shut down its sending side (FIN), and still read
/// the answer, as <c>printf 'GET / ...' | nc -N host 80</c> does. Kestrel takes the FIN for the
/// client going away (its connection-closed token fires) and drops the request in flight. Here
/// Kestrel gets a connection whose closed token fires only when the connection is really ended;
/// the FIN still completes its input, so no further request is read and the connection closes
/// once the answer is out. A client that is really gone is noticed when the answer cannot be sent.
/// </summary>
internal static class HalfClosedClients
{
    public static void ServeHalfClosedClients(this ListenOptions listen) =>
        listen.Use(next => async connection =>
        {
            await using var kept = new HalfClosableConnection(connection);
            await next(kept);
        });

    private sealed class HalfClosableConnection(ConnectionContext inner) : ConnectionContext
    {
        private readonly CancellationTokenSource _closed = new();

        public override string ConnectionId { get => inner.ConnectionId; set => inner.ConnectionId = value; }
        public override IFeatureCollection Features => inner.Features;
        public override IDictionary<object, object?> Items { get => inner.Items; set => inner.Items = value; }
        public override IDuplexPipe Transport { get => inner.Transport; set => inner.Transport = value; }
        public override EndPoint? LocalEndPoint { get => inner.LocalEndPoint; set => inner.LocalEndPoint = value; }
        public override EndPoint? RemoteEndPoint { get => inner.RemoteEndPoint; set => inner.RemoteEndPoint = value; }

        public override CancellationToken ConnectionClosed
        {
            get => _closed.Token;
            set => throw new NotSupportedException("the half-close connection owns its closed token");
        }

        public override void Abort(ConnectionAbortedException abortReason)
        {
            inner.Abort(abortReason);
            _closed.Cancel();
        }

        public override ValueTask DisposeAsync()
        {
            _closed.Cancel();
            _closed.Dispose();
            return ValueTask.CompletedTask; // the transport's own connection is Kestrel's to dispose
        }
    }
}
