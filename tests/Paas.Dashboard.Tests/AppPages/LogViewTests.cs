using Paas.Core.Containers;
using Paas.Dashboard.AppPages.Logs;

namespace Paas.Dashboard.Tests.AppPages;

public sealed class LogViewTests
{
    private static LogLine Line(string text, string type = "web") =>
        new(DateTimeOffset.UnixEpoch, LogStream.Stdout, "app", type, "c1", text);

    [Fact]
    public void Pausing_HoldsNewLines_AndResumingShowsThemInOrder()
    {
        var view = new LogView();
        view.Add(Line("one"));
        view.Pause();
        view.Add(Line("two"));
        view.Add(Line("three"));

        Assert.Equal(["one"], view.Visible.Select(l => l.Text));
        Assert.Equal(2, view.Held);
        view.Resume();
        Assert.Equal(["one", "two", "three"], view.Visible.Select(l => l.Text));
    }

    [Fact]
    public void TheFilter_IgnoresCase_AndTheViewKeepsTheNewestLines()
    {
        var view = new LogView();
        for (var i = 0; i < LogView.Capacity + 5; i++) view.Add(Line($"line {i}"));
        view.Add(Line("GET /health 200"));

        view.Filter = "get /HEALTH";

        Assert.Equal(["GET /health 200"], view.Visible.Select(l => l.Text));
        view.Filter = "";
        Assert.Equal(LogView.Capacity, view.Visible.Count());
        Assert.Equal("line 6", view.Visible.First().Text);
    }

    [Fact]
    public void TheDownload_IsTheLinesAsPaasLogsPrintsThem()
    {
        Assert.Equal("1970-01-01T00:00:00.000Z app[worker]: hello\n", LogView.Format([Line("hello", "worker")]));
    }
}
