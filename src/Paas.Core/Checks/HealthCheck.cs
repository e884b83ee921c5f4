using System.Globalization;

namespace Paas.Core.Checks;

/// <summary>
/// One health check of a process type, with the fields and defaults of Dokku's app.json
/// <c>healthchecks.&lt;type&gt;[]</c> (docker-container-healthchecker). Which probe runs follows from
/// the fields set: <see cref="Command"/>, else <see cref="Listening"/>, else an HTTP check when a
/// path, content, scheme or header is given, else <see cref="Uptime"/>. Only
/// <see cref="HealthCheckType.Startup"/> checks gate a deploy.
/// </summary>
public sealed record HealthCheck
{
    public const string DefaultPath = "/";
    public const int DefaultAttempts = 3;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(5);

    public HealthCheckType Type { get; init; } = HealthCheckType.Startup;

    /// <summary>What output calls the check; null: a description of what it probes.</summary>
    public string? Name { get; init; }

    /// <summary>The HTTP path (with query, if any); null when not given, which is "/" for an HTTP check.</summary>
    public string? Path { get; init; }

    /// <summary>The container port to probe; null: the container's <c>PORT</c> (Dokku's 5000 unless a port mapping says otherwise).</summary>
    public int? Port { get; init; }

    /// <summary>"http" or "https"; null: http. HTTPS checks do not verify the container's certificate (it is checked by address).</summary>
    public string? Scheme { get; init; }

    public IReadOnlyList<HttpHeader> HttpHeaders { get; init; } = [];

    /// <summary>A substring the response body must contain (compared as UTF-8 bytes, as Dokku does).</summary>
    public string? Content { get; init; }

    /// <summary>Run in the container, in the app's environment; exit code 0 passes.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    public bool Listening { get; init; }

    /// <summary>For an uptime check: how long the container must have been running (from its start).</summary>
    public TimeSpan Uptime { get; init; }

    /// <summary>Tries of an HTTP, listening or command check (uptime checks are one long try).</summary>
    public int Attempts { get; init; } = DefaultAttempts;

    /// <summary>Per try: the HTTP request, the TCP connect or the command.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Between tries (the first wait, when <see cref="WaitLimit"/> is set).</summary>
    public TimeSpan Wait { get; init; } = DefaultWait;

    /// <summary>
    /// When set, the wait doubles after each failed try, from <see cref="Wait"/> up to this: quick
    /// to notice a port that opens at once, without knocking twenty times a second on one that
    /// opens late. Not an app.json field: the default web check uses it.
    /// </summary>
    public TimeSpan? WaitLimit { get; init; }

    /// <summary>
    /// Tries are not written one line each: a line when the wait grows long, and one with the
    /// outcome. Not an app.json field: the default web check, whose refused connections while the
    /// app starts are expected, not news.
    /// </summary>
    public bool Quiet { get; init; }

    /// <summary>The wait after failed try <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan WaitAfter(int attempt) =>
        WaitLimit is { } limit ? TimeSpan.FromTicks(Math.Min(limit.Ticks, Wait.Ticks << Math.Clamp(attempt - 1, 0, 30))) : Wait;

    /// <summary>Before the first try.</summary>
    public TimeSpan InitialDelay { get; init; }

    /// <summary>A failure only warns; the deploy goes on.</summary>
    public bool Warn { get; init; }

    public HealthCheckProbe Probe =>
        Command.Count > 0 ? HealthCheckProbe.Command
        : Listening ? HealthCheckProbe.Listening
        : Path is not null || Content is not null || Scheme is not null || HttpHeaders.Count > 0 ? HealthCheckProbe.Http
        : HealthCheckProbe.Uptime;

    public string RequestPath => Path ?? DefaultPath;

    public bool Https => string.Equals(Scheme, "https", StringComparison.Ordinal);

    /// <summary>How output names the check: its name, or what it probes.</summary>
    public string DisplayName => Name ?? Probe switch
    {
        HealthCheckProbe.Http => (Https ? "https " : "") + RequestPath,
        HealthCheckProbe.Listening => Port is { } port ? $"listening on port {port}" : "listening on $PORT",
        HealthCheckProbe.Command => "command " + string.Join(' ', Command),
        _ => $"uptime {Seconds(Uptime)}",
    };

    public static string Seconds(TimeSpan span) =>
        span.TotalSeconds == Math.Floor(span.TotalSeconds)
            ? ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
}
