using System.Globalization;
using Paas.Core.Containers;

namespace Paas.Cli.Commands.Logs;

/// <summary>
/// A log line as <c>heroku logs</c> prints it: <c>2026-11-23T17:00:00.123456+00:00 app[web]: text</c>. The
/// source is the process type (a line does not say which instance wrote it); stdout and stderr read alike, as on Heroku.
/// The platform's own lines about the app (a failing liveness/readiness check) read <c>paas[checks]</c>, as Heroku's
/// <c>heroku[web.1]</c> lines do: their log id is the source's name, never a container's.
/// </summary>
public static class HerokuLogFormat
{
    public static string Format(LogLine line) =>
        line.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture)
        + (line.ContainerId == IPlatformLog.Checks ? $" paas[{line.ProcessType}]: {line.Text}" : $" app[{line.ProcessType}]: {line.Text}");
}
