using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// Gives a connection to Kestrel's HTTP/1.1 layer (and so YARP) at the request the connection
/// forwarder did not take on. The forwarder's read of that request is still open (nothing of it
/// consumed): Kestrel's first read is answered with it, and Kestrel carries on with the pipe.
/// <para>
/// One catch: while it waited for the end of the head, the forwarder told the pipe it had
/// examined what had come so far, and a pipe does not let a reader's examined position go back.
/// Kestrel examines less when it stops at the end of the head. Its examined position is raised
/// to the forwarder's for the pipe; the bytes after it are still unexamined to the pipe, so
/// Kestrel's next read returns at once as it expects.
/// </para>
/// </summary>
internal static class HandOver
{
    /// <param name="pending">The forwarder's open read.</param>
    /// <param name="examinedFloor">How many bytes from the start of <paramref name="pending"/> the forwarder already marked as examined.</param>
    public static Task ToKestrelAsync(ConnectionContext connection, ReadResult pending, long examinedFloor, ConnectionDelegate kestrel)
    {
        var transport = connection.Transport;
        connection.Transport = new Pipe(new ContinuingReader(transport.Input, pending, examinedFloor), transport.Output);
        return kestrel(connection);
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    private sealed class ContinuingReader(PipeReader inner, ReadResult pending, long floor) : PipeReader
    {
        private bool _pendingTaken;
        private ReadOnlySequence<byte> _last;
        private long _lastStart; // offset of _last's start from the start of the pending read
        private bool _passThrough = floor == 0;

        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            if (!_pendingTaken)
            {
                _pendingTaken = true;
                _last = pending.Buffer;
                return new ValueTask<ReadResult>(pending);
            }
            return _passThrough ? inner.ReadAsync(cancellationToken) : ReadAndKeepAsync(cancellationToken);
        }

        private async ValueTask<ReadResult> ReadAndKeepAsync(CancellationToken cancellationToken)
        {
            var result = await inner.ReadAsync(cancellationToken);
            _last = result.Buffer;
            return result;
        }

        public override bool TryRead(out ReadResult result)
        {
            if (!_pendingTaken)
            {
                _pendingTaken = true;
                _last = pending.Buffer;
                result = pending;
                return true;
            }
            if (!inner.TryRead(out result)) return false;
            _last = result.Buffer;
            return true;
        }

        public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined)
        {
            if (_passThrough)
            {
                inner.AdvanceTo(consumed, examined);
                return;
            }
            var consumedLength = _last.Slice(_last.Start, consumed).Length;
            var examinedLength = _last.Slice(_last.Start, examined).Length;
            if (_lastStart + examinedLength < floor)
            {
                inner.AdvanceTo(consumed, _last.GetPosition(floor - _lastStart));
            }
            else
            {
                inner.AdvanceTo(consumed, examined);
                _passThrough = true;
            }
            _lastStart += consumedLength;
        }

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
