using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Paas.Core.Contracts;

namespace Paas.Cli.Http;

/// <summary>
/// paasd's REST API as the commands use it: every failure becomes a <see cref="CliException"/>
/// with one message a user can act on, never a stack trace.
/// </summary>
public sealed class PaasApi(PaasEndpoint endpoint) : IDisposable
{
    public const string AuthenticationFailed =
        "authentication failed: set PAAS_TOKEN to a token from `paas tokens:create NAME`";

    public const string TokenRejected =
        "authentication failed: paasd rejected PAAS_TOKEN (unknown or revoked); set PAAS_TOKEN to a token from `paas tokens:create NAME`";

    private readonly HttpClient _http = endpoint.CreateClient();

    public PaasEndpoint Endpoint => endpoint;

    /// <summary>The response body as received, for <c>--format json</c>.</summary>
    public Task<string> GetJsonAsync(string path, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, path, null, ct);

    public async Task<T> GetAsync<T>(string path, CancellationToken ct) =>
        Read<T>(await GetJsonAsync(path, ct));

    public async Task<T> PostAsync<TBody, T>(string path, TBody body, CancellationToken ct) =>
        Read<T>(await SendAsync(HttpMethod.Post, path, Serialize(body), ct));

    public async Task<T> PostAsync<T>(string path, CancellationToken ct) =>
        Read<T>(await SendAsync(HttpMethod.Post, path, null, ct));

    public async Task<T> PatchAsync<TBody, T>(string path, TBody body, CancellationToken ct) =>
        Read<T>(await SendAsync(HttpMethod.Patch, path, Serialize(body), ct));

    public async Task<T> PutAsync<TBody, T>(string path, TBody body, CancellationToken ct) =>
        Read<T>(await SendAsync(HttpMethod.Put, path, Serialize(body), ct));

    public Task DeleteAsync(string path, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, path, null, ct);

    /// <summary>Parses a response body; a body the contract does not describe is paasd's fault, not the user's.</summary>
    public static T Read<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, ApiJson.Lenient)
                ?? throw new CliException("paasd sent an empty response");
        }
        catch (JsonException e)
        {
            throw new CliException($"paasd sent a response this paas does not understand: {e.Message}");
        }
    }

    private static HttpContent Serialize<TBody>(TBody body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<string> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        // Relative to the base URL, so a PAAS_URL with a path prefix keeps it.
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode) return body;
            throw Failure(response, body);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (IOException e)
        {
            // The response started but the connection broke (paasd stopped mid-answer).
            throw new CliException($"lost the connection to paasd at {endpoint.Display}: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new CliException($"paasd at {endpoint.Display} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }
    }

    private CliException Failure(HttpResponseMessage response, string body)
    {
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            return new CliException(endpoint.Token is null ? AuthenticationFailed : TokenRejected);
        var problem = TryReadProblem(response, body);
        return new CliException(problem?.Describe()
            ?? $"paasd answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    private static Problem? TryReadProblem(HttpResponseMessage response, string body)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("application/problem+json" or "application/json")) return null;
        try
        {
            return JsonSerializer.Deserialize<Problem>(body, ApiJson.Lenient);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private CliException Unreachable(HttpRequestException e)
    {
        var socketError = (e.InnerException as SocketException)?.SocketErrorCode;
        if (endpoint.SocketPath is { } path)
        {
            return socketError == SocketError.AccessDenied
                ? new CliException($"permission denied on {path}: run paas as root or as a member of the paas group (or set PAAS_URL)")
                : new CliException($"cannot reach paasd at {path}: is it running? (set PAAS_SOCKET or PAAS_URL)");
        }
        return new CliException($"cannot reach paasd at {endpoint.Display}: {e.Message}");
    }

    public void Dispose() => _http.Dispose();
}
