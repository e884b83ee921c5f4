using Npgsql;
using Paas.Core.Errors;

namespace Paas.Data;

/// <summary>Maps PostgreSQL constraint violations to domain errors (Npgsql style, STYLE.md).</summary>
internal static class PostgresErrors
{
    public static async Task<T> MapUniqueViolationAsync<T>(Func<Task<T>> action, Func<ConflictException> conflict)
    {
        try
        {
            return await action();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw conflict();
        }
    }
}
