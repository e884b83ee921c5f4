namespace Paas.Dashboard.Auth;

/// <summary>
/// How often an open dashboard circuit checks its login against the database. A circuit outlives the request
/// that opened it, so the login cookie's own check (on each request) does not reach it.
/// </summary>
public sealed record CircuitSessionSettings(TimeSpan RevalidationInterval)
{
    public static readonly TimeSpan DefaultRevalidationInterval = TimeSpan.FromSeconds(30);

    public CircuitSessionSettings()
        : this(DefaultRevalidationInterval)
    {
    }
}
