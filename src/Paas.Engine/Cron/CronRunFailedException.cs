namespace Paas.Engine.Cron;

/// <summary>A scheduled cron run that exited non-zero: Hangfire records the job as failed (the dashboard shows it), and does not retry it.</summary>
public sealed class CronRunFailedException(string message) : Exception(message);
