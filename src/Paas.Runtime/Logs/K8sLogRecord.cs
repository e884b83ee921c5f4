using Paas.Core.Containers;

namespace Paas.Runtime.Logs;

/// <summary>One record of conmon's k8s-file format; <see cref="Partial"/> means the line continues in the next record.</summary>
public sealed record K8sLogRecord(DateTimeOffset Timestamp, LogStream Stream, bool Partial, string Text);
