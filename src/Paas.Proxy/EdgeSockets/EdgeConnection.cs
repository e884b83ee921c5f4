using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Paas.Proxy.EdgeSockets;

/// <summary>
/// An accepted client connection for Kestrel, over an <see cref="EdgeSocket"/>: a receive loop fills the
/// input pipe, a send loop drains the output pipe, both on the epoll loop's thread (inline pipes, as the
/// socket transport's inline scheduling has them). Its lifetime follows Kestrel's own socket transport:
/// the client's end (FIN) completes the input and fires <see cref="ConnectionClosed"/>; the end of the
/// output or an abort shuts the socket down and closes it, which ends the receive loop too.
/// </summary>
internal sealed class EdgeConnection : ConnectionContext, IConnectionIdFeature, IConnectionTransportFeature, IConnectionItemsFeature,
    IConnectionLifetimeFeature, IConnectionEndPointFeature
{
    private const int MinimumReceive = 4096;
    private const int GatherLimit = 16 * 1024;
    private static long s_lastId;

    private readonly EdgeSocket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _closedFired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _shutdownLock = new();
    private readonly Task _processing;
    private volatile Exception? _shutdownReason;
    private bool _shutDown;

    public EdgeConnection(Socket accepted)
    {
        LocalEndPoint = accepted.LocalEndPoint;
        RemoteEndPoint = accepted.RemoteEndPoint;
        _socket = EdgeSocket.Adopt(accepted);
        // Kestrel's limits: 1 MiB of request waiting to be read, 64 KiB of response waiting to be sent.
        _input = new Pipe(new PipeOptions(MemoryPool<byte>.Shared, PipeScheduler.Inline, PipeScheduler.Inline, 1024 * 1024, 512 * 1024, MinimumReceive, false));
        _output = new Pipe(new PipeOptions(MemoryPool<byte>.Shared, PipeScheduler.Inline, PipeScheduler.Inline, 64 * 1024, 32 * 1024, MinimumReceive, false));
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
        ConnectionId = "E" + Interlocked.Increment(ref s_lastId).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
        ConnectionClosed = _closed.Token;
        Features.Set<IConnectionIdFeature>(this);
        Features.Set<IConnectionTransportFeature>(this);
        Features.Set<IConnectionItemsFeature>(this);
        Features.Set<IConnectionLifetimeFeature>(this);
        Features.Set<IConnectionEndPointFeature>(this);
        _processing = Task.WhenAll(ReceiveLoopAsync(), SendLoopAsync());
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new ConnectionItems();

    public override IDuplexPipe Transport { get; set; }

    public override CancellationToken ConnectionClosed { get; set; }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        Shutdown(abortReason);
        _output.Reader.CancelPendingRead();
    }

    public override async ValueTask DisposeAsync()
    {
        _input.Reader.Complete();
        _output.Writer.Complete();
        await _processing;
        await _closedFired.Task;
        _closed.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        Exception? error = null;
        try
        {
            var writer = _input.Writer;
            while (true)
            {
                var read = await _socket.ReceiveAsync(writer.GetMemory(MinimumReceive));
                if (read == 0) break; // the client's FIN
                writer.Advance(read);
                var flushed = await writer.FlushAsync();
                if (flushed.IsCompleted || flushed.IsCanceled) break;
            }
        }
        catch (Exception e)
        {
            error = Translate(e);
        }
        finally
        {
            _input.Writer.Complete(_shutdownReason ?? error);
            // On the thread pool, as Kestrel's transport does: what is registered runs away from the socket's thread.
            ThreadPool.UnsafeQueueUserWorkItem(static c =>
            {
                try { c._closed.Cancel(); }
                finally { c._closedFired.TrySetResult(); }
            }, this, preferLocal: false);
        }
    }

    private async Task SendLoopAsync()
    {
        Exception? error = null;
        try
        {
            var reader = _output.Reader;
            while (true)
            {
                var result = await reader.ReadAsync();
                if (result.IsCanceled) break;
                var buffer = result.Buffer;
                if (!buffer.IsEmpty) await SendAsync(buffer);
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted) break;
            }
        }
        catch (Exception e)
        {
            error = Translate(e);
        }
        finally
        {
            Shutdown(error);
            _output.Reader.Complete(error);
            // A receive waiting for room in the input pipe must see the end too.
            _input.Writer.CancelPendingFlush();
        }
    }

    /// <summary>
    /// One send for what is pending: a response's head and body in one system call, copied into a pooled
    /// buffer when they are in several blocks (none is held by an idle connection); larger, block by block.
    /// </summary>
    private ValueTask SendAsync(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment) return _socket.SendAsync(buffer.First);
        return buffer.Length <= GatherLimit ? SendGatheredAsync(buffer) : SendSegmentsAsync(buffer);
    }

    private async ValueTask SendGatheredAsync(ReadOnlySequence<byte> buffer)
    {
        var gathered = ArrayPool<byte>.Shared.Rent(GatherLimit);
        try
        {
            buffer.CopyTo(gathered);
            await _socket.SendAsync(gathered.AsMemory(0, (int)buffer.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(gathered);
        }
    }

    private async ValueTask SendSegmentsAsync(ReadOnlySequence<byte> buffer)
    {
        foreach (var segment in buffer) await _socket.SendAsync(segment);
    }

    private void Shutdown(Exception? reason)
    {
        lock (_shutdownLock)
        {
            if (_shutDown) return;
            _shutDown = true;
            _shutdownReason = reason ?? new ConnectionAbortedException("the connection's answer is complete");
        }
        _socket.Shutdown();
        _socket.Dispose();
    }

    private Exception Translate(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted }
            => new ConnectionResetException(e.Message, e),
        SocketException or ObjectDisposedException => _shutdownReason ?? new ConnectionAbortedException(e.Message, e),
        _ => e,
    };

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
