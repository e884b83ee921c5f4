using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Paas.Proxy.ConnectionForwarding;

/// <summary>
/// Gives a connection to Kestrel's HTTP/1.1 layer (and so YARP) from the request the connection
/// forwarder did not take on: what was received and not consumed is still in the input, and
/// Kestrel reads it as the start of a connection. The forwarder may have examined those bytes
/// already (waiting for the end of a head), after which the pipe would make Kestrel's first read
/// wait for more: its first read is answered from what is there.
/// </summary>
internal static class HandOver
{
    public static Task ToKestrelAsync(ConnectionContext connection, ConnectionDelegate kestrel)
    {
        var transport = connection.Transport;
        connection.Transport = new Pipe(new ReplayingReader(transport.Input), transport.Output);
        return kestrel(connection);
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    private sealed class ReplayingReader(PipeReader inner) : PipeReader
    {
        private bool _replayed;

        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            if (!_replayed)
            {
                _replayed = true;
                if (inner.TryRead(out var result)) return new ValueTask<ReadResult>(result);
            }
            return inner.ReadAsync(cancellationToken);
        }

        public override bool TryRead(out ReadResult result)
        {
            _replayed = true;
            return inner.TryRead(out result);
        }

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);

        public override void CancelPendingRead() => inner.CancelPendingRead();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
    }
}
