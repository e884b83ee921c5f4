using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Paas.Core.Checks;

namespace Paas.Engine.Checks;

/// <summary>
/// An HTTP(S) check: GET the path from the container's address and port, with the app's Host and
/// X-Forwarded-Proto and the check's headers, within the check's timeout. 2xx and 3xx pass (curl
/// --fail, as Dokku ran it); then the body must contain the expected content. Redirects are
/// followed only back to the same container (a relative Location, or one naming the Host sent or
/// the container's address, with the same scheme); any other redirect is the answer itself, so a
/// check never sends a request anywhere but the container. HTTPS does not verify the certificate:
/// the container is reached by address, and what is checked is that it answers.
/// </summary>
internal sealed class HttpProbe : IDisposable
{
    private const int MaxRedirects = 5;

    /// <summary>How much of a body is searched for the content; an app streaming forever must not hold the check.</summary>
    private const int MaxBody = 1024 * 1024;

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.All,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<ProbeResult> TryAsync(HealthCheck check, CheckTarget target, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(check.Timeout);
        var scheme = check.Https ? "https" : "http";
        var origin = new Uri($"{scheme}://{Authority(target.Address, check.Port ?? target.Port)}");
        var path = check.RequestPath;
        var host = check.HttpHeaders.LastOrDefault(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase))?.Value ?? target.HostName;
        try
        {
            for (var hop = 0; ; hop++)
            {
                // Appended, not resolved: "//other/x" is a path here, not another host.
                var uri = new Uri(origin.GetLeftPart(UriPartial.Authority) + path);
                if (uri.Host != origin.Host || uri.Port != origin.Port)
                    return ProbeResult.Fail($"path '{path}' does not stay on the container");
                using var request = Request(uri, host, check, target);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location && hop < MaxRedirects
                    && SameContainer(new Uri(uri, location), origin, host) is { } next)
                {
                    path = next;
                    continue;
                }
                if (status is < 200 or >= 400)
                    return ProbeResult.Fail($"status {status}{Redirected(hop)}");
                if (check.Content is null)
                    return ProbeResult.Pass;
                var body = await ReadBoundedAsync(response.Content, timeout.Token);
                if (body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(check.Content)) >= 0)
                    return ProbeResult.Pass;
                var notFollowed = status >= 300 ? $" (status {status}: a redirect to {response.Headers.Location}, which checks follow only to the same container)" : "";
                return ProbeResult.Fail($"the response does not contain \"{Short(check.Content)}\"{notFollowed}");
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Fail($"no answer within {HealthCheck.Seconds(check.Timeout)}");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Fail(ProbeErrors.Describe(e));
        }
        catch (FormatException e)
        {
            // A Host value .NET will not send (the app's own httpHeaders).
            return ProbeResult.Fail($"the request cannot be sent: {e.Message}");
        }
    }

    private static HttpRequestMessage Request(Uri uri, string? host, HealthCheck check, CheckTarget target)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri) { Version = HttpVersion.Version11 };
        // One connection per attempt, as curl made: a fresh container must accept a new connection.
        request.Headers.ConnectionClose = true;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("paas-healthcheck", "1"));
        if (target.Https) request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", "https");
        foreach (var header in check.HttpHeaders.Where(h => !h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.Remove(header.Name);
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }
        if (host is not null) request.Headers.Host = host;
        return request;
    }

    /// <summary>The path and query to follow <paramref name="location"/> with, or null when it leaves the container.</summary>
    private static string? SameContainer(Uri location, Uri origin, string? host)
    {
        if (!location.Scheme.Equals(origin.Scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var sameAddress = location.Host == origin.Host && location.Port == origin.Port;
        var hostName = host?.Split(':')[0];
        var sameName = hostName is not null && location.Host.Equals(hostName, StringComparison.OrdinalIgnoreCase);
        return sameAddress || sameName ? location.PathAndQuery : null;
    }

    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxBody];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            length += read;
        return buffer[..length];
    }

    private static string Authority(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    private static string Redirected(int hops) => hops == 0 ? "" : $" after {hops} redirect{(hops == 1 ? "" : "s")}";

    private static string Short(string text) => text.Length <= 60 ? text : text[..57] + "...";

    public void Dispose() => _client.Dispose();
}
