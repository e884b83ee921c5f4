using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Paas.Cli.Http;

namespace Paas.Cli.Sessions;

/// <summary>
/// Opens a run or enter WebSocket to paasd, on its unix socket or at PAAS_URL (ws:// or wss:// with the
/// token). The upgrade is sent by hand rather than by ClientWebSocket, so that a refusal (unknown app, not
/// running, not allowed) comes back with its problem+json and is printed like any other.
/// </summary>
public sealed class SessionConnector(PaasApi api)
{
    private const string WebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The open socket; dispose the returned connection when the session is over.</summary>
    public async Task<SessionConnection> ConnectAsync(string pathAndQuery, CancellationToken ct)
    {
        var endpoint = api.Endpoint;
        var handler = endpoint.SocketPath is { } path
            ? new SocketsHttpHandler { ConnectCallback = (_, token) => PaasEndpoint.ConnectUnixAsync(path, token) }
            : endpoint.Trust.CreateHandler();
        var invoker = new HttpMessageInvoker(handler);
        try
        {
            var baseUri = endpoint.SocketPath is not null ? new Uri("http://paasd/") : endpoint.BaseUrl!;
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, pathAndQuery.TrimStart('/')));
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            request.Headers.Connection.Add("Upgrade");
            request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
            request.Headers.Add("Sec-WebSocket-Key", key);
            request.Headers.Add("Sec-WebSocket-Version", "13");
            if (endpoint.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (endpoint.SshKeyId is { } keyId)
                request.Headers.Add(Core.Ssh.SshGitWire.KeyHeader, keyId.ToString(System.Globalization.CultureInfo.InvariantCulture));

            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(HandshakeTimeout);
            HttpResponseMessage response;
            try
            {
                response = await invoker.SendAsync(request, deadline.Token);
            }
            catch (HttpRequestException e)
            {
                throw api.Unreachable(e);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new CliException($"paasd at {endpoint.Display} did not answer within {HandshakeTimeout.TotalSeconds:0} s");
            }
            if (response.StatusCode != HttpStatusCode.SwitchingProtocols)
            {
                using (response)
                    throw api.Failure(response, await response.Content.ReadAsStringAsync(ct));
            }
            var accept = response.Headers.TryGetValues("Sec-WebSocket-Accept", out var values) ? values.FirstOrDefault() : null;
            if (accept != Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + WebSocketGuid))))
                throw new CliException($"paasd at {endpoint.Display} switched protocols without a valid WebSocket handshake");
            var stream = await response.Content.ReadAsStreamAsync(ct);
            var socket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = KeepAlive });
            return new SessionConnection(socket, response, invoker);
        }
        catch
        {
            invoker.Dispose();
            throw;
        }
    }
}
