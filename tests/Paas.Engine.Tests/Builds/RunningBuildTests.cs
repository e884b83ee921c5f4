using Paas.Engine.Builds;

namespace Paas.Engine.Tests.Builds;

public sealed class RunningBuildTests
{
    [Fact]
    public async Task AFollower_IsWokenByTheNextLine_AndByTheEnd()
    {
        var running = new RunningBuilds();
        var build = running.Add(1, 7, default);
        var next = build.NextWriteAsync();
        Assert.False(next.IsCompleted);

        build.Written();
        await next.WaitAsync(TimeSpan.FromSeconds(5));

        var end = build.NextWriteAsync();
        running.Remove(build);
        await end.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(build.Finished);
        Assert.True(build.NextWriteAsync().IsCompleted);
        Assert.Null(running.Find(7));
    }

    [Fact]
    public void Cancel_KeepsTheFirstReason_AndAPusherLeavingHasItsOwn()
    {
        using var pusher = new CancellationTokenSource();
        var running = new RunningBuilds();
        var byCommand = running.Add(1, 1, default);
        byCommand.Cancel("cancelled by alice (builds:cancel)");
        byCommand.Cancel("later");
        Assert.True(byCommand.Token.IsCancellationRequested);
        Assert.Equal("cancelled by alice (builds:cancel)", byCommand.CancelReason);

        var byPusher = running.Add(2, 2, pusher.Token);
        pusher.Cancel();
        Assert.True(byPusher.Token.IsCancellationRequested);
        Assert.Contains("pusher disconnected", byPusher.CancelReason);
        Assert.Equal([1L, 2L], [.. running.OfApp(1).Select(b => b.BuildId), .. running.OfApp(2).Select(b => b.BuildId)]);
    }

    [Fact]
    public void TheSameBuild_CannotRunTwice()
    {
        var running = new RunningBuilds();
        running.Add(1, 1, default);
        Assert.Throws<InvalidOperationException>(() => running.Add(1, 1, default));
    }
}
