using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Paas.Api.Endpoints;
using Paas.Core.Builds;
using Paas.Core.Contracts;

namespace Paas.Api.Streaming;

/// <summary>
/// A build's output to an HTTP client as NDJSON <see cref="OutputFrame"/>s, each flushed as it is
/// written. The response starts with the first line: a failure before any output (unknown app, a
/// locked app) still becomes a problem+json with its status.
/// </summary>
public sealed class NdjsonBuildOutput(HttpContext context) : IBuildOutput
{
    public bool Started => context.Response.HasStarted;

    public ValueTask WriteLineAsync(string line, CancellationToken ct) => new(WriteFrameAsync(new OutputFrame(line), ct));

    /// <summary>The last frame: the exit code, and the error when it failed.</summary>
    public Task EndAsync(int exit, string? error, CancellationToken ct) => WriteFrameAsync(new OutputFrame(null, exit, error), ct);

    private async Task WriteFrameAsync(OutputFrame frame, CancellationToken ct)
    {
        if (!context.Response.HasStarted)
        {
            context.Response.ContentType = LogsApi.NdjsonMediaType;
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        }
        await JsonSerializer.SerializeAsync(context.Response.Body, frame, ApiJson.Options, ct);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
