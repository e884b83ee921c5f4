namespace Paas.Core.Checks;

/// <summary>
/// When a check runs, in Dokku's (and Kubernetes') words. Only <see cref="Startup"/> checks gate a
/// deploy, as on Dokku's docker-local scheduler: liveness and readiness checks are read and kept, but
/// a single host's scheduler does not run them (Dokku ignores them there too).
/// </summary>
public enum HealthCheckType
{
    /// <summary>Must pass before the new container gets traffic and the old ones retire (the default).</summary>
    Startup,

    /// <summary>Whether a running container is still healthy (restart it when not). Not run by the local scheduler.</summary>
    Liveness,

    /// <summary>Whether a running container takes requests right now. Not run by the local scheduler.</summary>
    Readiness,
}
