using System.Text;
using Paas.Proxy.ConnectionForwarding;
using Paas.Proxy.LeanForwarding;

namespace Paas.Proxy.Tests.Units;

public sealed class RequestHeadParserTests
{
    private static (bool Taken, ClientRequest Request, string BackendHead) Parse(string head)
    {
        var request = new ClientRequest();
        var backendHead = new HeadBuffer();
        var taken = new RequestHeadParser("10.0.0.9").TryParse(Encoding.Latin1.GetBytes(head), request, backendHead);
        return (taken, request, Encoding.Latin1.GetString(backendHead.Written.Span));
    }

    [Fact]
    public void PlainRequest_IsForwardedWithItsHeaders_OursAddedAndHopByHopOnesDropped()
    {
        var (taken, request, head) = Parse("GET /a?b=1 HTTP/1.1\r\nHost: app.test:8080\r\nAccept: */*\r\nConnection: keep-alive\r\nKeep-Alive: 5\r\n"
                                           + "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-Host: evil\r\nTE: trailers\r\nX-Request-Id: client-chosen-id-0123456789\r\n");

        Assert.True(taken);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/a?b=1", request.Target);
        Assert.Equal("app.test", request.Host[..request.HostNameLength]);
        Assert.Equal(RequestFraming.None, request.Framing);
        Assert.Equal("GET /a?b=1 HTTP/1.1\r\nHost: app.test:8080\r\nAccept: */*\r\nX-Forwarded-For: 10.0.0.9\r\nX-Forwarded-Proto: http\r\n"
                     + "X-Forwarded-Host: app.test:8080\r\nX-Request-Id: client-chosen-id-0123456789\r\n\r\n", head);
    }

    [Fact]
    public void Bodies_AreFramedByUs_AndAnInsaneRequestIdIsReplaced()
    {
        var (_, chunked, chunkedHead) = Parse("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nX-Request-Id: short\r\n");
        var (_, sized, sizedHead) = Parse("PUT / HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\nConnection: close\r\n");

        Assert.Equal(RequestFraming.Chunked, chunked.Framing);
        Assert.EndsWith("Transfer-Encoding: chunked\r\n\r\n", chunkedHead);
        Assert.True(Guid.TryParse(chunked.RequestId, out _));
        Assert.Equal(RequestFraming.ContentLength, sized.Framing);
        Assert.Equal(12, sized.ContentLength);
        Assert.True(sized.Close);
        Assert.EndsWith("Content-Length: 12\r\n\r\n", sizedHead);
        Assert.DoesNotContain("Connection", sizedHead);
    }

    [Theory]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost : a\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n")]
    [InlineData("GET / HTTP/1.1\r\nAccept: */*\r\n")]
    [InlineData("GET / HTTP/1.0\r\nHost: a\r\n")]
    [InlineData("GET http://a/ HTTP/1.1\r\nHost: a\r\n")]
    [InlineData("CONNECT a:443 HTTP/1.1\r\nHost: a\r\n")]
    [InlineData("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n")]
    [InlineData("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf\u00e9\r\n")]
    [InlineData("GET /a b HTTP/1.1\r\nHost: a\r\n")]
    [InlineData("GET / HTTP/1.1\r\nHost: a b\r\n")]
    public void AnythingUnusual_IsLeftToKestrel(string head) => Assert.False(Parse(head).Taken, head);
}
