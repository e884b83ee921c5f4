using Paas.Proxy.AccessLog;

namespace Paas.Proxy.Tests.Units;

public sealed class AppLogBufferTests
{
    [Fact]
    public void Lines_AreKeptInOrder_UntilTheBufferReaches64KiB_ThenRefusedWhole()
    {
        var buffer = new AppLogBuffer();
        const int lineLength = 1000;
        var appended = 0;
        while (buffer.TryAppend(Enumerable.Repeat((byte)('a' + appended % 26), lineLength).ToArray())) appended++;

        Assert.Equal(AppLogBuffer.MaxSize / lineLength, appended);
        Assert.Equal(appended * lineLength, buffer.Length);
        Assert.Equal((byte)'a', buffer.Written[0]);
        Assert.Equal((byte)('a' + (appended - 1) % 26), buffer.Written[^1]);

        buffer.Clear();
        Assert.True(buffer.TryAppend("x\n"u8));
        Assert.Equal("x\n"u8.ToArray(), buffer.Written.ToArray());
    }
}
