namespace Paas.Core.Containers;

/// <summary>
/// Lines the platform itself writes into an app's log stream, beside its containers' output, where a user
/// of <c>paas logs APP</c> looks (as Heroku's <c>heroku[router]</c> and <c>heroku[web.1]</c> lines are): a
/// source such as <see cref="Checks"/> is shown as <c>paas[checks]</c> and filtered with <c>-p checks</c>.
/// </summary>
public interface IPlatformLog
{
    /// <summary>The source of liveness/readiness check failures and recoveries.</summary>
    public const string Checks = "checks";

    /// <summary>Appends one line (control characters are dropped) to the app's stream under <paramref name="source"/>.</summary>
    Task WriteAsync(long appId, string app, string source, string text, CancellationToken ct);
}
