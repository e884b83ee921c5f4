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

    /// <summary>How long an ordinary call may take, as HttpClient's own default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient _http = CreateClient(endpoint);

    public PaasEndpoint Endpoint => endpoint;

    /// <summary>The response body as received, for <c>--format json</c>.</summary>
    public Task<string> GetJsonAsync(string path, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, path, null, DefaultTimeout, ct);

    public async Task<T> GetAsync<T>(string path, CancellationToken ct) =>
        Read<T>(await GetJsonAsync(path, ct));

    public Task<T> PostAsync<TBody, T>(string path, TBody body, CancellationToken ct) =>
        PostAsync<TBody, T>(path, body, DefaultTimeout, ct);

    /// <summary>For calls that do long work before answering, such as building a stack.</summary>
    public async Task<T> PostAsync<TBody, T>(string path, TBody body, TimeSpan timeout, CancellationToken ct) =>
        Read<T>(await SendAsync(HttpMethod.Post, path, Serialize(body), timeout, ct));

    public async Task<T> PostAsync<T>(string path, CancellationToken ct) =>
        Read<T>(await SendAsync(HttpMethod.Post, path, null, DefaultTimeout, ct));

    public async Task<T> PatchAsync<TBody, T>(string path, TBody body, CancellationToken ct) =>
        Read<T>(await SendAsync(HttpMethod.Patch, path, Serialize(body), DefaultTimeout, ct));

    public async Task<T> PutAsync<TBody, T>(string path, TBody body, CancellationToken ct) =>
        Read<T>(await SendAsync(HttpMethod.Put, path, Serialize(body), DefaultTimeout, ct));

    /// <summary>A PUT whose answer has no body (204).</summary>
    public Task PutAsync<TBody>(string path, TBody body, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, path, Serialize(body), DefaultTimeout, ct);

    public Task DeleteAsync(string path, CancellationToken ct) =>
        SendAsync(HttpMethod.Delete, path, null, DefaultTimeout, ct);

    /// <summary>Sends <paramref name="body"/> as it is read (a file or standard input), never all in memory.</summary>
    public async Task<T> UploadAsync<T>(string path, Stream body, string mediaType, TimeSpan timeout, CancellationToken ct)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return Read<T>(await SendAsync(HttpMethod.Post, path, content, timeout, ct));
    }

    /// <summary>
    /// Copies a response body to the stream <paramref name="openDestination"/> opens, which is called only once
    /// paasd has answered with success, so a refused download creates nothing. The answer must start within
    /// <see cref="DefaultTimeout"/>; the body then takes as long as it takes. A destination that cannot be opened or
    /// written is reported by <paramref name="destinationName"/>, not as a network problem.
    /// </summary>
    public Task DownloadAsync(string path, Func<Stream> openDestination, string destinationName, CancellationToken ct) =>
        ExchangeAsync(new HttpRequestMessage(HttpMethod.Get, Relative(path)), DefaultTimeout, async (response, deadline, token) =>
        {
            deadline.CancelAfter(Timeout.InfiniteTimeSpan);
            await using var body = await response.Content.ReadAsStreamAsync(token);
            var destination = LocalWrite(openDestination, destinationName);
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, token)) > 0)
                await LocalWriteAsync(destination.WriteAsync(buffer.AsMemory(0, read), token), destinationName);
            await LocalWriteAsync(destination.FlushAsync(token), destinationName);
            return true;
        }, ct);

    /// <summary>
    /// Hands each line of a streamed text body (NDJSON) to <paramref name="onLine"/> as it arrives, until paasd ends
    /// the body; <paramref name="timeout"/> bounds the whole exchange (infinite to follow a stream).
    /// </summary>
    public Task StreamLinesAsync(string path, TimeSpan timeout, Func<string, Task> onLine, CancellationToken ct) =>
        StreamLinesAsync(new HttpRequestMessage(HttpMethod.Get, Relative(path)), timeout, onLine, ct);

    /// <summary>The same for an operation that streams its output without a body (ps:rebuild is a POST).</summary>
    public Task StreamLinesAsync(HttpMethod method, string path, TimeSpan timeout, Func<string, Task> onLine, CancellationToken ct) =>
        StreamLinesAsync(new HttpRequestMessage(method, Relative(path)), timeout, onLine, ct);

    /// <summary>As <see cref="StreamLinesAsync(string, TimeSpan, Func{string, Task}, CancellationToken)"/>, for a POST of <paramref name="body"/>.</summary>
    public Task PostStreamLinesAsync<TBody>(string path, TBody body, TimeSpan timeout, Func<string, Task> onLine, CancellationToken ct) =>
        StreamLinesAsync(new HttpRequestMessage(HttpMethod.Post, Relative(path)) { Content = Serialize(body) }, timeout, onLine, ct);

    private Task StreamLinesAsync(HttpRequestMessage request, TimeSpan timeout, Func<string, Task> onLine, CancellationToken ct) =>
        ExchangeAsync(request, timeout, async (response, _, token) =>
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
            while (await reader.ReadLineAsync(token) is { } line)
                await onLine(line);
            return true;
        }, ct);

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

    private static HttpClient CreateClient(PaasEndpoint endpoint)
    {
        var client = endpoint.CreateClient();
        // Each call sets its own deadline: a stack build may take half an hour, `logs -t` runs until stopped.
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }

    private static HttpContent Serialize<TBody>(TBody body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    /// <summary>Relative to the base URL, so a PAAS_URL with a path prefix keeps it.</summary>
    private static Uri Relative(string path) => new(path.TrimStart('/'), UriKind.Relative);

    private Task<string> SendAsync(HttpMethod method, string path, HttpContent? content, TimeSpan timeout, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, Relative(path)) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return ExchangeAsync(request, timeout, (response, _, token) => response.Content.ReadAsStringAsync(token), ct);
    }

    /// <summary>
    /// One request: a failure status becomes the problem's message, and every network failure one message.
    /// <paramref name="read"/> consumes a successful response; it gets the deadline so that it can lift it.
    /// </summary>
    private async Task<T> ExchangeAsync<T>(HttpRequestMessage request, TimeSpan timeout,
        Func<HttpResponseMessage, CancellationTokenSource, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        using var _ = request;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode)
                throw Failure(response, await response.Content.ReadAsStringAsync(deadline.Token));
            return await read(response, deadline, deadline.Token);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            throw Lost(e);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (IOException e)
        {
            // The response started but the connection broke (paasd stopped mid-answer).
            throw Lost(e);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new CliException($"paasd at {endpoint.Display} did not answer within {timeout.TotalSeconds:0} s");
        }
    }

    private static Stream LocalWrite(Func<Stream> open, string name)
    {
        try
        {
            return open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {name}: {e.Message}");
        }
    }

    private static async Task LocalWriteAsync(ValueTask write, string name)
    {
        try
        {
            await write;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot write {name}: {e.Message}");
        }
    }

    private static Task LocalWriteAsync(Task write, string name) => LocalWriteAsync(new ValueTask(write), name);

    private CliException Lost(Exception e) => new($"lost the connection to paasd at {endpoint.Display}: {e.Message}");

    /// <summary>The message for a refused request: the problem it came with, or the status.</summary>
    internal CliException Failure(HttpResponseMessage response, string body)
    {
        var problem = TryReadProblem(response, body);
        // Over SSH the refusal is about the key, which paasd's problem names; token advice would mislead.
        if (response.StatusCode == HttpStatusCode.Unauthorized && endpoint.SshKeyId is null)
            return new CliException(endpoint.Token is null ? AuthenticationFailed : TokenRejected);
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

    internal CliException Unreachable(HttpRequestException e)
    {
        var socketError = (e.InnerException as SocketException)?.SocketErrorCode;
        if (endpoint.SocketPath is { } path)
        {
            return socketError == SocketError.AccessDenied
                ? new CliException($"permission denied on {path}: run paas as root or as a member of the paas group (or set PAAS_URL)")
                : new CliException($"cannot reach paasd at {path}: is it running? (set PAAS_SOCKET or PAAS_URL)");
        }
        return endpoint.Trust.Explain(e, endpoint.Display) is { } untrusted
            ? new CliException(untrusted)
            : new CliException($"cannot reach paasd at {endpoint.Display}: {e.Message}");
    }

    public void Dispose() => _http.Dispose();
}
