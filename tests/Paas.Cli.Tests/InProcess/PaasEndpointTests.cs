using Paas.Cli.Http;

namespace Paas.Cli.Tests.InProcess;

public sealed class PaasEndpointTests
{
    private static PaasEndpoint From(params (string Name, string Value)[] variables) =>
        PaasEndpoint.FromEnvironment(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void NothingSet_UsesTheDefaultSocket_WithoutToken()
    {
        var endpoint = From();

        Assert.Equal("/run/paas/paasd.sock", endpoint.SocketPath);
        Assert.Null(endpoint.BaseUrl);
        Assert.Null(endpoint.Token);
    }

    [Fact]
    public void PaasSocket_ChoosesTheSocket()
    {
        Assert.Equal("/tmp/x.sock", From(("PAAS_SOCKET", "/tmp/x.sock")).SocketPath);
    }

    [Fact]
    public void PaasUrl_WinsOverTheSocket_AndCarriesTheToken()
    {
        var endpoint = From(("PAAS_SOCKET", "/tmp/x.sock"), ("PAAS_URL", "https://paas.example.com"), ("PAAS_TOKEN", " abc \n"));

        Assert.Null(endpoint.SocketPath);
        Assert.Equal(new Uri("https://paas.example.com/"), endpoint.BaseUrl);
        Assert.Equal("abc", endpoint.Token);
    }

    [Theory]
    [InlineData("https://host/paas", "https://host/paas/api/v1/apps")]
    [InlineData("https://host/paas/", "https://host/paas/api/v1/apps")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v1/apps")]
    public void PaasUrl_WithAPathPrefix_KeepsIt(string url, string expected)
    {
        var endpoint = From(("PAAS_URL", url));

        Assert.Equal(new Uri(expected), new Uri(endpoint.BaseUrl!, "api/v1/apps"));
    }
}
