namespace Paas.Api.Auth;

/// <summary>How long a dashboard login lasts.</summary>
/// <param name="IdleTimeout">A login unused this long ends (sliding: each use extends it).</param>
/// <param name="MaxLifetime">A login ends this long after the password was typed, however busy.</param>
/// <param name="CheckInterval">How often a cookie is checked against the database (password changed, user removed).</param>
public sealed record SessionSettings(TimeSpan IdleTimeout, TimeSpan MaxLifetime, TimeSpan CheckInterval)
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromHours(8);
    public static readonly TimeSpan DefaultMaxLifetime = TimeSpan.FromHours(24);

    public SessionSettings()
        : this(DefaultIdleTimeout, DefaultMaxLifetime, TimeSpan.FromSeconds(30))
    {
    }
}
