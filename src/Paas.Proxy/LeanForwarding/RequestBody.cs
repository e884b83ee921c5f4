using System.IO.Pipelines;

namespace Paas.Proxy.LeanForwarding;

/// <summary>
/// Streams the client's request body (already de-chunked and size-checked by Kestrel) to the
/// backend: as is under a Content-Length, re-chunked otherwise. Reading it is what makes Kestrel
/// send the client its 100 Continue.
/// </summary>
internal static class RequestBody
{
    public static async Task SendAsync(PipeReader client, BackendConnection backend, RequestBodyFraming framing, CancellationToken ct)
    {
        while (true)
        {
            ReadResult result;
            try
            {
                result = await client.ReadAsync(ct);
            }
            catch (Exception e)
            {
                throw new ClientBodyException(e);
            }
            var buffer = result.Buffer;
            if (!buffer.IsEmpty)
            {
                if (framing == RequestBodyFraming.Chunked)
                {
                    backend.Head.Clear();
                    backend.Head.AppendHex(checked((int)buffer.Length));
                    backend.Head.Append("\r\n"u8);
                    await backend.SendAsync(backend.Head.Written);
                }
                foreach (var segment in buffer) await backend.SendAsync(segment);
                if (framing == RequestBodyFraming.Chunked) await backend.SendAsync(CrLf);
            }
            client.AdvanceTo(buffer.End);
            if (result.IsCompleted) break;
        }
        if (framing == RequestBodyFraming.Chunked) await backend.SendAsync(LastChunk);
    }

    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
}

/// <summary>Reading the client's body failed (a malformed chunk, a client gone): not the backend's fault.</summary>
internal sealed class ClientBodyException(Exception inner) : Exception(inner.Message, inner);
