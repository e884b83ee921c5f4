using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Npgsql;
using Paas.Core.State;

namespace Paas.Data;

/// <summary>
/// <see cref="IStateChanges"/> over LISTEN on the channel the triggers of migration 0006 notify.
/// One connection per listener; when it breaks (PostgreSQL restarted or down) the listener retries
/// every <see cref="RetryInterval"/> and announces a resync once it is back, because notifications
/// sent meanwhile are lost.
/// </summary>
public sealed class PostgresStateChanges(NpgsqlDataSource source) : IStateChanges
{
    public const string ChannelName = "paas_state";
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    public async IAsyncEnumerable<StateChange> ListenAsync([EnumeratorCancellation] CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var changes = Channel.CreateUnbounded<StateChange>(new UnboundedChannelOptions { SingleReader = true });
            var listening = ListenOnceAsync(changes.Writer, ct);
            await foreach (var change in changes.Reader.ReadAllAsync(CancellationToken.None))
                yield return change;
            await listening;
            try { await Task.Delay(RetryInterval, ct); }
            catch (OperationCanceledException) { yield break; }
        }
    }

    /// <summary>Connects, listens, and writes changes until the connection breaks or <paramref name="ct"/> ends; always completes the writer.</summary>
    private async Task ListenOnceAsync(ChannelWriter<StateChange> writer, CancellationToken ct)
    {
        try
        {
            await using var connection = await source.OpenConnectionAsync(ct);
            connection.Notification += (_, e) =>
            {
                if (Parse(e.Payload) is { } change) writer.TryWrite(change);
            };
            await using (var listen = new NpgsqlCommand($"listen {ChannelName}", connection))
                await listen.ExecuteNonQueryAsync(ct);
            // Listening from here on: whatever changed before is read again by the consumer.
            writer.TryWrite(StateChange.Resync);
            while (!ct.IsCancellationRequested)
                await connection.WaitAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (StateUnavailable.Is(e) || e is System.IO.IOException)
        {
            source.Clear();
        }
        finally
        {
            writer.TryComplete();
        }
    }

    /// <summary>"table:app id" as the trigger writes it; null for anything else.</summary>
    internal static StateChange? Parse(string payload)
    {
        var colon = payload.LastIndexOf(':');
        if (colon <= 0) return null;
        return long.TryParse(payload.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var appId)
            ? new StateChange(payload[..colon], appId)
            : null;
    }
}
