using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Paas.Core.Builds;
using Paas.Core.Contracts;

namespace Paas.Api.Git;

/// <summary>
/// The pre-receive answer: one <see cref="HookMessage"/> JSON line per output line, flushed as it is
/// written so the pusher sees the build as it happens. The response starts with the first line, so a
/// refusal that comes before any output is still a plain problem+json.
/// </summary>
internal sealed class NdjsonHookOutput(HttpResponse response) : IBuildOutput, Core.Containers.IContainerOutput
{
    public const string MediaType = "application/x-ndjson";

    private readonly SemaphoreSlim _lock = new(1, 1);

    public bool Started => response.HasStarted;

    public ValueTask WriteLineAsync(string line, CancellationToken ct) => WriteAsync(new HookMessage(Line: line), ct);

    public ValueTask WriteExitAsync(int exitCode, CancellationToken ct) => WriteAsync(new HookMessage(Exit: exitCode), ct);

    /// <summary>A line of a container's output: stderr lines are marked, so the client can write them to its own stderr.</summary>
    public ValueTask WriteLineAsync(Core.Containers.LogStream stream, string line, CancellationToken ct) =>
        WriteAsync(new HookMessage(Line: line, Stream: stream == Core.Containers.LogStream.Stderr ? "stderr" : null), ct);

    private async ValueTask WriteAsync(HookMessage message, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(message, ApiJson.Options);
        // Build output may come from several streams at once; lines must not interleave.
        await _lock.WaitAsync(ct);
        try
        {
            if (!response.HasStarted) response.ContentType = MediaType;
            await response.Body.WriteAsync(bytes, ct);
            await response.Body.WriteAsync("\n"u8.ToArray(), ct);
            await response.Body.FlushAsync(ct);
        }
        finally
        {
            _lock.Release();
        }
    }
}
