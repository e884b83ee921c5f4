using Npgsql;
using Paas.Core.Errors;

namespace Paas.Data;

/// <summary>Maps PostgreSQL constraint violations to domain errors (Npgsql style, STYLE.md).</summary>
internal static class PostgresErrors
{
    public static Task<T> MapUniqueViolationAsync<T>(Func<Task<T>> action, Func<ConflictException> conflict) =>
        MapAsync(action, PostgresErrorCodes.UniqueViolation, conflict);

    /// <summary>For tables with several unique constraints: <paramref name="conflict"/> gets the name of the one violated.</summary>
    public static async Task<T> MapUniqueViolationAsync<T>(Func<Task<T>> action, Func<string?, ConflictException> conflict)
    {
        try
        {
            return await action();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw conflict(e.ConstraintName);
        }
    }

    /// <summary>An exclusion constraint (<c>exclude using gist</c>) refused the row: another row already holds what it claims.</summary>
    public static Task<T> MapExclusionViolationAsync<T>(Func<Task<T>> action, Func<ConflictException> conflict) =>
        MapAsync(action, PostgresErrorCodes.ExclusionViolation, conflict);

    private static async Task<T> MapAsync<T>(Func<Task<T>> action, string sqlState, Func<ConflictException> conflict)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (Violation(e) == sqlState)
        {
            throw conflict();
        }
    }

    /// <summary>Db wraps connection failures, never constraint violations; those arrive as they are.</summary>
    private static string? Violation(Exception e) => (e as PostgresException)?.SqlState;
}
