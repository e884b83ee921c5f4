using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Paas.Core.Containers;
using Paas.Runtime.Monitor;

namespace Paas.Runtime.Attach;

/// <summary>
/// Couples conmon's attach socket with an <see cref="IInteractiveSession"/>: output to the session as it
/// is written, the session's input to the socket, its resizes to conmon's control FIFO ("1 ROWS COLUMNS",
/// which conmon turns into TIOCSWINSZ on the terminal), its end of input into the socket's end of
/// sending (conmon then closes the process's stdin). Ends when the output does: the process exited and
/// conmon drained it. A session whose input fails (the caller broke off) ends it with that failure.
/// </summary>
internal sealed class InteractiveStreams(AttachSocket socket, IInteractiveSession session, string controlFifo)
{
    private const int ResizeEvent = 1;

    public async Task RunAsync(CancellationToken ct)
    {
        // Null when the command already ended and conmon left: then no resize matters any more.
        await using var control = session.Terminal ? ControlFifo.TryOpenForWriting(controlFifo) : null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var input = PumpInputAsync(control, stop.Token);
        var output = PumpOutputAsync(stop.Token);
        if (await Task.WhenAny(input, output) == input && input.IsFaulted)
        {
            await stop.CancelAsync();
            await IgnoreFailureAsync(output);
            await input; // the session's failure
        }
        try
        {
            await output;
        }
        finally
        {
            await stop.CancelAsync();
            await IgnoreFailureAsync(input);
        }
    }

    private async Task PumpOutputAsync(CancellationToken ct)
    {
        while (await socket.ReceiveAsync(ct) is var (stream, data))
            await session.WriteAsync(stream, data, ct);
    }

    private async Task PumpInputAsync(FileStream? control, CancellationToken ct)
    {
        while (await session.ReadAsync(ct) is { } input)
        {
            switch (input)
            {
                case SessionInput.Stdin stdin:
                    try { await socket.SendAsync(stdin.Data, ct); }
                    catch (SocketException) { return; } // the process exited and conmon closed: the output ends next
                    break;
                case SessionInput.Resize { Size: { IsValid: true } size } when control is not null:
                    var line = string.Create(CultureInfo.InvariantCulture, $"{ResizeEvent} {size.Rows} {size.Columns}\n");
                    await control.WriteAsync(Encoding.ASCII.GetBytes(line), ct);
                    await control.FlushAsync(ct);
                    break;
            }
        }
        socket.ShutdownSend();
    }

    /// <summary>For the side that is no longer needed: once the output ended (or failed), nothing it does matters.</summary>
    private static async Task IgnoreFailureAsync(Task task)
    {
        try { await task; }
        catch (Exception) { }
    }
}
