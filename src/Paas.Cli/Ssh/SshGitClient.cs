using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Paas.Cli.Console;
using Paas.Cli.Http;
using Paas.Core.Contracts;
using Paas.Core.Git;
using Paas.Core.Ssh;

namespace Paas.Cli.Ssh;

/// <summary>
/// The CLI's end of <see cref="SshGitWire"/>: upgrades a connection on paasd's socket to a git exchange and pumps
/// the SSH channel's stdin to paasd and paasd's frames to stdout and stderr until git's exit code arrives.
/// </summary>
public sealed class SshGitClient(PaasEndpoint endpoint, CliConsole console)
{
    private const int MaxResponseHead = 16 * 1024;

    public async Task<int> RunAsync(GitService service, string app, string? gitProtocol, CancellationToken ct)
    {
        await using var connection = await ConnectAsync(ct);
        await SendUpgradeAsync(connection, service, app, gitProtocol, ct);
        await ReadUpgradeAnswerAsync(connection, ct);

        var writer = new SshGitFrameWriter(connection);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var upstream = Task.Run(() => PumpInputAsync(writer, stop.Token), CancellationToken.None);
        try
        {
            return await PumpOutputAsync(new SshGitFrameReader(connection), ct);
        }
        finally
        {
            // git is done (or paasd went away): whatever stdin still holds is not for anyone.
            await stop.CancelAsync();
            _ = upstream.ContinueWith(t => t.Exception, TaskScheduler.Default);
        }
    }

    private async Task<Stream> ConnectAsync(CancellationToken ct)
    {
        try
        {
            return await PaasEndpoint.ConnectUnixAsync(endpoint.SocketPath!, ct);
        }
        catch (SocketException e)
        {
            throw new CliException(e.SocketErrorCode == SocketError.AccessDenied
                ? $"permission denied on {endpoint.SocketPath}: the SSH user must be in the paas group"
                : $"cannot reach paasd at {endpoint.SocketPath}: is it running?");
        }
    }

    private async Task SendUpgradeAsync(Stream connection, GitService service, string app, string? gitProtocol, CancellationToken ct)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"POST {ApiRoutes.SshGit(app, service)} HTTP/1.1\r\n");
        head.Append("Host: paasd\r\nConnection: Upgrade\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Upgrade: {SshGitWire.UpgradeProtocol}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"{SshGitWire.KeyHeader}: {endpoint.SshKeyId}\r\n");
        // Only the plain form git itself sends (version=2); anything else is not passed on.
        if (gitProtocol is not null && gitProtocol.All(c => char.IsAsciiLetterOrDigit(c) || c is '=' or ':' or '.' or ','))
            head.Append(CultureInfo.InvariantCulture, $"Git-Protocol: {gitProtocol}\r\n");
        head.Append("\r\n");
        await connection.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct);
        await connection.FlushAsync(ct);
    }

    /// <summary>101 goes on; anything else is paasd's refusal (problem+json), reported as the user's error.</summary>
    private static async Task ReadUpgradeAnswerAsync(Stream connection, CancellationToken ct)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Count > MaxResponseHead || await connection.ReadAsync(one, ct) == 0)
                throw new CliException("paasd closed the connection without answering the git request");
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length >= 2 && status[1] == "101")
            return;

        var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.TryParse(p[1].Trim(), out var n) ? n : 0).FirstOrDefault();
        var body = new byte[Math.Clamp(length, 0, 64 * 1024)];
        await connection.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, ct);
        throw new CliException(Detail(body) ?? $"paasd refused the git request: {lines[0]}");
    }

    private static string? Detail(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private async Task PumpInputAsync(SshGitFrameWriter writer, CancellationToken ct)
    {
        var buffer = new byte[SshGitWire.MaxPayload];
        int read;
        while ((read = await console.BinaryIn.ReadAsync(buffer, ct)) > 0)
            await writer.WriteAsync(SshGitFrameKind.Input, buffer.AsMemory(0, read), ct);
        await writer.WriteAsync(SshGitFrameKind.InputEnd, ReadOnlyMemory<byte>.Empty, ct);
    }

    private async Task<int> PumpOutputAsync(SshGitFrameReader reader, CancellationToken ct)
    {
        while (true)
        {
            (SshGitFrameKind Kind, byte[] Payload)? frame;
            try
            {
                frame = await reader.ReadAsync(ct);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                throw new CliException($"lost the connection to paasd during git: {e.Message}");
            }
            switch (frame)
            {
                case null:
                    throw new CliException("paasd closed the connection before git finished");
                case { Kind: SshGitFrameKind.Output, Payload: var data }:
                    await console.BinaryOut.WriteAsync(data, ct);
                    await console.BinaryOut.FlushAsync(ct);
                    break;
                case { Kind: SshGitFrameKind.Error, Payload: var message }:
                    console.Error.ErrorLine(Encoding.UTF8.GetString(message));
                    break;
                case { Kind: SshGitFrameKind.Exit, Payload: { Length: 4 } code }:
                    return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(code);
                default:
                    throw new CliException($"paasd sent an unexpected {frame.Value.Kind} frame during git");
            }
        }
    }
}
