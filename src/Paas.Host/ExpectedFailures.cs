using System.Net.Sockets;
using Npgsql;
using Paas.Data.Migrations;
using Paas.Host.Configuration;
using Paas.Runtime.UserNamespaces;

namespace Paas.Host;

/// <summary>
/// Failures an operator can fix (bad settings, database down, port taken) print one line and exit 1;
/// a stack trace is for bugs only.
/// </summary>
public static class ExpectedFailures
{
    public static async Task<int> ReportAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            await Console.Error.WriteLineAsync($"paasd: {message}");
            return 1;
        }
    }

    private static string? Describe(Exception e) => e switch
    {
        SettingsException s => s.Message,
        UserNamespaceException u => u.Message,
        MigrationException { InnerException: { } inner } when Describe(inner) is { } database => database,
        MigrationException m => m.Message,
        NpgsqlException n => $"cannot use the database named by PAAS_DATABASE: {n.InnerException?.Message ?? n.Message}",
        IOException { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } } or
            SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
            $"an address paasd listens on is already in use ({e.Message}): free it or change PAAS_API_URLS",
        IOException io when io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
            $"an address paasd listens on is already in use ({io.Message}): free it or change PAAS_API_URLS",
        UnauthorizedAccessException u => $"permission denied: {u.Message} (run paasd as root)",
        _ => null,
    };
}
