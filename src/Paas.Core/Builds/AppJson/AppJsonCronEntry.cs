using Paas.Core.Cron;

namespace Paas.Core.Builds.AppJson;

/// <summary>app.json <c>cron[]</c>: a command run as a one-off container of the app on a schedule.</summary>
public sealed record AppJsonCronEntry(string Command, CronSchedule Schedule);
