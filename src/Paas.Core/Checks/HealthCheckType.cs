namespace Paas.Core.Checks;

/// <summary>
/// When a check runs, in Dokku's (and Kubernetes') words. Only <see cref="Startup"/> checks gate a
/// deploy, as on Dokku's docker-local scheduler; liveness and readiness checks (which Dokku's local
/// scheduler ignores) run periodically on the running containers once they serve.
/// </summary>
public enum HealthCheckType
{
    /// <summary>Must pass before the new container gets traffic and the old ones retire (the default).</summary>
    Startup,

    /// <summary>Whether a running container is still healthy: when not, it is killed and the restart policy restarts it.</summary>
    Liveness,

    /// <summary>Whether a running container takes requests right now: when not, it is out of the routes until it passes.</summary>
    Readiness,
}
