namespace Paas.Core.Checks;

/// <summary>How a check finds out, decided by which of its fields are set (they exclude each other).</summary>
public enum HealthCheckProbe
{
    /// <summary>The container keeps running, without a restart, until it has been up <see cref="HealthCheck.Uptime"/>.</summary>
    Uptime,

    /// <summary>A TCP connection to the container's port succeeds (<c>listening: true</c>).</summary>
    Listening,

    /// <summary>An HTTP(S) GET of <see cref="HealthCheck.Path"/> answers 2xx/3xx (and holds <see cref="HealthCheck.Content"/>).</summary>
    Http,

    /// <summary><see cref="HealthCheck.Command"/> run in the container exits 0.</summary>
    Command,
}
