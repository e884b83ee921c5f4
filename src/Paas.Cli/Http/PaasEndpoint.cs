using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Paas.Cli.Http;

/// <summary>
/// Where paasd is: its unix socket (the local administrator, no token) or, when
/// <c>PAAS_URL</c> is set, a remote URL called with <c>Authorization: Bearer $PAAS_TOKEN</c>, whose https
/// certificate is checked against the system's CAs or <c>PAAS_CA_CERT</c>'s (<see cref="ServerTrust"/>).
/// </summary>
public sealed record PaasEndpoint(string? SocketPath, Uri? BaseUrl, string? Token)
{
    public const string DefaultSocket = "/run/paas/paasd.sock";

    /// <summary>
    /// Set by <c>paas ssh-command</c>: requests on the socket then act as this SSH key's user
    /// (<see cref="Core.Ssh.SshGitWire.KeyHeader"/>), not as the administrator.
    /// </summary>
    public long? SshKeyId { get; init; }

    /// <summary>Which certificates a remote paasd may present (<see cref="ServerTrust"/>).</summary>
    public ServerTrust Trust { get; init; } = ServerTrust.System;

    /// <summary>How the endpoint is named in messages: the socket path or the URL.</summary>
    public string Display => SocketPath ?? BaseUrl!.ToString();

    public static PaasEndpoint FromEnvironment(Func<string, string?> environment)
    {
        var url = environment("PAAS_URL");
        if (string.IsNullOrWhiteSpace(url))
        {
            var socket = environment("PAAS_SOCKET");
            return new PaasEndpoint(string.IsNullOrWhiteSpace(socket) ? DefaultSocket : socket, null, null);
        }
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            throw new CliException($"PAAS_URL '{url}' is not an http:// or https:// URL (for example https://paas.example.com)");
        // A trailing slash keeps a path prefix (https://host/paas/) when API paths are resolved against it.
        if (!baseUrl.AbsolutePath.EndsWith('/'))
            baseUrl = new UriBuilder(baseUrl) { Path = baseUrl.AbsolutePath + "/" }.Uri;
        var token = environment("PAAS_TOKEN");
        var ca = environment(ServerTrust.Variable);
        return new PaasEndpoint(null, baseUrl, string.IsNullOrWhiteSpace(token) ? null : token.Trim())
        {
            Trust = string.IsNullOrWhiteSpace(ca) ? ServerTrust.System : ServerTrust.FromFile(ca.Trim()),
        };
    }

    public HttpClient CreateClient()
    {
        if (SocketPath is { } path)
        {
            var handler = new SocketsHttpHandler { ConnectCallback = (_, ct) => ConnectUnixAsync(path, ct) };
            // The host name is never resolved: every connection goes to the socket.
            var local = new HttpClient(handler) { BaseAddress = new Uri("http://paasd/") };
            if (SshKeyId is { } keyId)
                local.DefaultRequestHeaders.Add(Core.Ssh.SshGitWire.KeyHeader, keyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return local;
        }
        var client = new HttpClient(Trust.CreateHandler()) { BaseAddress = BaseUrl };
        if (Token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    public static async ValueTask<Stream> ConnectUnixAsync(string path, CancellationToken ct)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
