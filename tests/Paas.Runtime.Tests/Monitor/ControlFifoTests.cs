using Paas.Runtime.Monitor;
using Paas.Runtime.Tests.Images;
using Paas.Testing;

namespace Paas.Runtime.Tests.Monitor;

/// <summary>
/// conmon's control FIFO is written to only while conmon reads it. A <c>run -t</c> whose command ended
/// (and whose conmon left) before the session opened the FIFO once waited forever in open(2): one CI run
/// lost its exit message that way. The open must say "gone" at once instead.
/// </summary>
public sealed class ControlFifoTests : IDisposable
{
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(5);
    private readonly TestDirectory _dir = new("ctlfifo-");

    [Fact]
    public async Task AFifoWithNoReader_IsGone_AtOnce()
    {
        var fifo = _dir.Combine("ctl");
        Tool.Run("mkfifo", fifo);

        var opened = await Task.Run(() => ControlFifo.TryOpenForWriting(fifo)).WaitAsync(AtOnce);

        Assert.Null(opened);
    }

    [Fact]
    public async Task AMissingFifo_IsGone() =>
        Assert.Null(await Task.Run(() => ControlFifo.TryOpenForWriting(_dir.Combine("none"))).WaitAsync(AtOnce));

    [Fact]
    public async Task AFifoWithAReader_GetsWhatIsWritten()
    {
        var fifo = _dir.Combine("ctl");
        Tool.Run("mkfifo", fifo);
        // Read and write, as conmon holds it: this open never waits for a writer.
        await using var reader = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1);

        await using (var writer = ControlFifo.TryOpenForWriting(fifo))
        {
            Assert.NotNull(writer);
            await writer.WriteAsync("1 24 80\n"u8.ToArray());
        }
        var line = new byte[8];
        await reader.ReadExactlyAsync(line).AsTask().WaitAsync(AtOnce);

        Assert.Equal("1 24 80\n", System.Text.Encoding.ASCII.GetString(line));
    }

    public void Dispose() => _dir.Dispose();
}
