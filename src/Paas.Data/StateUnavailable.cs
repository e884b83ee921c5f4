using System.Net.Sockets;
using Npgsql;
using Paas.Core.Errors;

namespace Paas.Data;

/// <summary>
/// Tells "PostgreSQL is not there" (refused, gone, too slow, shutting down) from errors of the SQL
/// itself, and turns the first kind into <see cref="StateUnavailableException"/>, which the API
/// answers with 503. The pool is cleared so that connections broken by a restart are not handed out again.
/// </summary>
internal static class StateUnavailable
{
    public static bool Is(Exception e) => e switch
    {
        // Class 08: connection exception; 57P01-57P03: admin/crash shutdown, cannot connect now; 53300: too many connections.
        PostgresException p => p.SqlState.StartsWith("08", StringComparison.Ordinal) || p.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        // Any other Npgsql failure is about the connection, never about the statement: refused, broken, timed out, pool exhausted.
        NpgsqlException => true,
        _ => false,
    };

    public static StateUnavailableException From(Exception e) => new(Reason(e), e);

    public static async Task<T> GuardAsync<T>(NpgsqlDataSource source, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (Is(e))
        {
            source.Clear();
            throw From(e);
        }
    }

    public static async Task GuardAsync(NpgsqlDataSource source, Func<Task> action) =>
        await GuardAsync(source, async () =>
        {
            await action();
            return true;
        });

    private static string Reason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case TimeoutException:
                    return "PostgreSQL did not answer in time";
                case SocketException socket:
                    return $"cannot connect to PostgreSQL ({socket.Message})";
                case PostgresException p:
                    return $"PostgreSQL ended the session ({p.SqlState}: {p.MessageText})";
            }
        }
        return e.InnerException is IOException io ? $"the connection to PostgreSQL broke ({io.Message})" : e.Message;
    }
}
