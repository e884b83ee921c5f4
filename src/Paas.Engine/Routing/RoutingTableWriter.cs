using Microsoft.Extensions.Logging;
using Paas.Core.Routing;
using Paas.Core.State;
using Paas.Engine.Operations;

namespace Paas.Engine.Routing;

/// <summary>
/// Writes the routing snapshot paas-router serves: on every committed change (the state's
/// notifications), at start, and right away when a deploy switches routes. A table equal to the
/// last one written is not written again. Revisions only grow, across paasd restarts too (the
/// next one follows the file's). <see cref="WaitAppliedAsync"/> lets a deploy wait until the
/// router serves a revision before it retires the containers the old one routed to.
/// </summary>
public sealed partial class RoutingTableWriter(StateOperation op, RoutingTableBuilder builder, EngineSettings settings, TimeProvider time,
    ILogger<RoutingTableWriter> logger)
{
    private static readonly TimeSpan AppliedPoll = TimeSpan.FromMilliseconds(20);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private long _revision = -1;
    private string? _lastContent;

    public bool Enabled => settings.RouterDirectory is not null;

    private string SnapshotPath => Path.Combine(settings.RouterDirectory!, RoutingSnapshotFile.FileName);

    private string AppliedPath => Path.Combine(settings.RouterDirectory!, RoutingSnapshotFile.AppliedFileName);

    /// <summary>Writes the current table if it changed; returns the revision that holds it (0 when routing is off).</summary>
    public async Task<long> WriteAsync(CancellationToken ct)
    {
        if (!Enabled) return 0;
        await _writing.WaitAsync(ct);
        try
        {
            var table = await op.ReadAsync(s => builder.BuildAsync(s, ct), ct);
            var (listeners, apps) = (table.Listeners, table.Apps);
            // The certificates' content is part of the table: a renewed certificate is a change.
            var content = System.Text.Json.JsonSerializer.Serialize(
                new { listeners, apps, certificates = table.Certificates.Select(c => new { c.AppId, c.CertificatePem, c.CreatedAt }) },
                RoutingSnapshotFile.Json);
            if (_revision < 0)
                _revision = (await ReadExistingAsync(ct)).Revision;
            if (content == _lastContent) return _revision;
            var snapshot = new RoutingSnapshot(_revision + 1, time.GetUtcNow(), listeners, apps);
            await WriteCertificatesAsync(table, ct);
            await RoutingSnapshotFile.WriteAsync(SnapshotPath, snapshot, ct);
            _revision = snapshot.Revision;
            _lastContent = content;
            LogWritten(logger, snapshot.Revision, apps.Count);
            return snapshot.Revision;
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>True once the router reports <paramref name="revision"/> (or a later one) live; false after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAppliedAsync(long revision, TimeSpan timeout, CancellationToken ct)
    {
        if (!Enabled) return true;
        var deadline = time.GetUtcNow() + timeout;
        while (RoutingSnapshotFile.ReadApplied(AppliedPath) is not { } applied || applied < revision)
        {
            if (time.GetUtcNow() >= deadline) return false;
            await Task.Delay(AppliedPoll, time, ct);
        }
        return true;
    }

    /// <summary>The router's last report (revision and unbound ports), or null when there is none.</summary>
    public RouterAppliedReport? ReadReport() => Enabled ? RouterAppliedReport.Read(AppliedPath) : null;

    /// <summary>
    /// Writes the current table and, when a router follows the snapshots (its report names the
    /// revision before this one, or a later one), waits up to <paramref name="timeout"/> for its
    /// report on the new revision. Null when no router follows or none reported in time: there is
    /// nobody to ask, and a mapping is then served (or not) when a router comes.
    /// </summary>
    public async Task<RouterAppliedReport?> WriteAndConfirmAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (!Enabled) return null;
        var before = ReadReport();
        var previous = Volatile.Read(ref _revision);
        var revision = await WriteAsync(ct);
        if (before is null || before.Revision < previous) return null;
        if (!await WaitAppliedAsync(revision, timeout, ct)) return null;
        return ReadReport();
    }

    /// <summary>Rewrites on every change until <paramref name="ct"/> ends; a failed write is retried on the next change or resync.</summary>
    public async Task RunAsync(IStateChanges changes, CancellationToken ct)
    {
        if (!Enabled) return;
        await foreach (var change in changes.ListenAsync(ct))
        {
            // Builds, deploy phases and releases are announced for the dashboard; routes follow containers, domains and ports.
            if (change.Table is "builds" or "deployments" or "releases") continue;
            try
            {
                await WriteAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                LogWriteFailed(logger, e);
            }
        }
    }

    /// <summary>
    /// The PEM files the snapshot names, root-only (0600), each replaced atomically; files of apps
    /// that no longer have a certificate go. Written before the snapshot, so the router never
    /// reads a snapshot whose files are not there yet.
    /// </summary>
    private async Task WriteCertificatesAsync(RoutingTable table, CancellationToken ct)
    {
        var dir = Path.Combine(settings.RouterDirectory!, RoutingTableBuilder.CertificatesDirectory);
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (var certificate in table.Certificates)
        {
            var files = builder.CertificateFiles(certificate.AppId);
            await WritePrivateAsync(files.CertificateFile, certificate.CertificatePem, ct);
            await WritePrivateAsync(files.KeyFile, certificate.PrivateKeyPem, ct);
            keep.Add(files.CertificateFile);
            keep.Add(files.KeyFile);
        }
        foreach (var stale in Directory.EnumerateFiles(dir).Where(f => !keep.Contains(f)))
            File.Delete(stale);
    }

    private static async Task WritePrivateAsync(string path, string content, CancellationToken ct)
    {
        var temp = path + ".tmp";
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using (var stream = new FileStream(temp, options))
        await using (var writer = new StreamWriter(stream))
            await writer.WriteAsync(content.AsMemory(), ct);
        File.Move(temp, path, overwrite: true);
    }

    private async Task<RoutingSnapshot> ReadExistingAsync(CancellationToken ct)
    {
        try
        {
            return await RoutingSnapshotFile.ReadAsync(SnapshotPath, ct);
        }
        catch (System.Text.Json.JsonException)
        {
            return RoutingSnapshot.Empty;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "routing snapshot {Revision} written ({Apps} apps)")]
    private static partial void LogWritten(ILogger logger, long revision, int apps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not write the routing snapshot; the router keeps the last one")]
    private static partial void LogWriteFailed(ILogger logger, Exception e);
}
