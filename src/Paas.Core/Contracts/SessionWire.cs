using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paas.Core.Contracts;

/// <summary>
/// The framing of the run and enter WebSockets (docs/API-RUN.md). Data travels in binary frames: from the
/// client, raw bytes for the process's stdin; from paasd, one channel byte (<see cref="Stdout"/> or
/// <see cref="Stderr"/>) then the bytes. Control travels in text frames holding one JSON
/// <see cref="SessionControl"/> each: from the client "resize" and "eof", from paasd "exit" (the last
/// message; paasd then closes) or "error" (the command could not run; paasd then closes).
/// </summary>
public static class SessionWire
{
    public const byte Stdout = 1;
    public const byte Stderr = 2;

    public const string Resize = "resize";
    public const string EndOfInput = "eof";
    public const string Exit = "exit";
    public const string Error = "error";

    /// <summary>The API's JSON, without the fields a message leaves unset.</summary>
    public static JsonSerializerOptions Json { get; } = new(ApiJson.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The largest text (control) message either side accepts.</summary>
    public const int MaxControlBytes = 4096;
}

/// <summary>One control message; which fields are set depends on <see cref="Type"/>.</summary>
public sealed record SessionControl(
    string Type,
    int? Cols = null,
    int? Rows = null,
    int? Code = null,
    int? Status = null,
    string? Title = null,
    string? Detail = null);
