using System.Globalization;
using Microsoft.AspNetCore.Http;
using Paas.Core.Containers;
using Paas.Core.Contracts;
using Paas.Core.Errors;

namespace Paas.Api.Sessions;

/// <summary>Reads a <see cref="SessionQuery"/> from a WebSocket request's query string; every problem at once, as a 400.</summary>
public static class SessionQueryParser
{
    public static SessionQuery Parse(IQueryCollection query, bool forEnter)
    {
        var errors = new ValidationErrors();
        var known = forEnter
            ? new[] { SessionQuery.CommandKey, SessionQuery.TerminalKey, SessionQuery.ColsKey, SessionQuery.RowsKey, SessionQuery.DynoKey }
            : [SessionQuery.CommandKey, SessionQuery.TerminalKey, SessionQuery.ColsKey, SessionQuery.RowsKey, SessionQuery.EnvKey, SessionQuery.TtlKey];
        foreach (var key in query.Keys.Where(k => !known.Contains(k)))
            errors.Add(key, $"unknown parameter '{key}': this endpoint takes {string.Join(", ", known)}");

        var env = new Dictionary<string, string>();
        foreach (var pair in query[SessionQuery.EnvKey].OfType<string>())
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) errors.Add(SessionQuery.EnvKey, $"env '{pair}' is not KEY=VALUE");
            else env[pair[..equals]] = pair[(equals + 1)..];
        }
        var terminal = query[SessionQuery.TerminalKey].ToString() switch
        {
            "" or "0" or "false" => false,
            "1" or "true" => true,
            var other => Invalid(errors, SessionQuery.TerminalKey, $"tty '{other}' is not 1, true, 0 or false", false),
        };
        var cols = Number(query, SessionQuery.ColsKey, 1, TerminalSize.Max, errors);
        var rows = Number(query, SessionQuery.RowsKey, 1, TerminalSize.Max, errors);
        var ttl = Number(query, SessionQuery.TtlKey, 1, int.MaxValue, errors);
        errors.ThrowIfAny();
        return new SessionQuery(query[SessionQuery.CommandKey].OfType<string>().ToList(), terminal, cols, rows, env, ttl,
            query.ContainsKey(SessionQuery.DynoKey) ? query[SessionQuery.DynoKey].ToString() : null);
    }

    private static int? Number(IQueryCollection query, string key, int min, int max, ValidationErrors errors)
    {
        if (!query.TryGetValue(key, out var values)) return null;
        if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        return Invalid<int?>(errors, key, $"{key} '{values}' is not a number from {min} to {max}", null);
    }

    private static T Invalid<T>(ValidationErrors errors, string key, string message, T fallback)
    {
        errors.Add(key, message);
        return fallback;
    }
}
