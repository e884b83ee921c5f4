namespace Paas.Core.Checks;

/// <summary>
/// Dokku's legacy CHECKS file (deprecated in Dokku 0.31 for app.json <c>healthchecks</c>, still
/// honoured): HTTP checks of the <c>web</c> process and its <c>WAIT=</c>, <c>TIMEOUT=</c>,
/// <c>ATTEMPTS=</c> directives (null when the file does not set them). <see cref="Ignored"/> says
/// which lines were neither, as Dokku skips them too.
/// </summary>
public sealed record ChecksFile(
    IReadOnlyList<ChecksFileCheck> Checks,
    int? Wait,
    int? Timeout,
    int? Attempts,
    IReadOnlyList<string> Ignored)
{
    public static ChecksFile Empty { get; } = new([], null, null, null, []);

    /// <summary>
    /// The checks as app.json checks, behaving as Dokku's CHECKS did: each attempt waits WAIT
    /// seconds first (so the first check starts after WAIT too), a request may take TIMEOUT seconds,
    /// and ATTEMPTS tries are made. What the file does not set comes from <paramref name="defaults"/>
    /// (checks:set wait/timeout/attempts, else Dokku's 5 s, 30 s and 5).
    /// </summary>
    public IReadOnlyList<HealthCheck> ToHealthChecks(LegacyCheckDefaults defaults)
    {
        var wait = Wait is { } w ? TimeSpan.FromSeconds(w) : defaults.Wait;
        var timeout = Timeout is { } t ? TimeSpan.FromSeconds(t) : defaults.Timeout;
        var attempts = Attempts ?? defaults.Attempts;
        return Checks.Select((check, index) => new HealthCheck
        {
            // As Dokku's log showed it; a plain path names itself.
            Name = check.Host is null ? null : $"{check.Scheme}://{check.Host}{check.Path}",
            Path = check.Path,
            Scheme = check.Scheme,
            Content = check.Content,
            HttpHeaders = check.Host is null ? [] : [new HttpHeader("Host", check.Host)],
            Attempts = attempts,
            Timeout = timeout,
            Wait = wait,
            // Dokku slept WAIT once per round of checks, before the first one.
            InitialDelay = index == 0 ? wait : TimeSpan.Zero,
        }).ToList();
    }
}
