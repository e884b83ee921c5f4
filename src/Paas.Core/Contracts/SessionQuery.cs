using System.Globalization;

namespace Paas.Core.Contracts;

/// <summary>
/// The query string of the run and enter WebSockets: everything is known before the upgrade, so a refusal
/// is an HTTP status with problem+json like any other request. <c>cmd</c> repeats, one per argument (one
/// argument runs through /bin/sh -c); <c>env</c> repeats as KEY=VALUE (run only); <c>tty=1</c> asks for a
/// terminal of <c>cols</c> x <c>rows</c>; <c>ttl</c> is run's --ttl-seconds; <c>dyno</c> is enter's instance.
/// </summary>
public sealed record SessionQuery(
    IReadOnlyList<string> Command,
    bool Terminal,
    int? Cols = null,
    int? Rows = null,
    IReadOnlyDictionary<string, string>? Env = null,
    int? TtlSeconds = null,
    string? Dyno = null)
{
    public const string CommandKey = "cmd";
    public const string EnvKey = "env";
    public const string TerminalKey = "tty";
    public const string ColsKey = "cols";
    public const string RowsKey = "rows";
    public const string TtlKey = "ttl";
    public const string DynoKey = "dyno";

    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string value) => parts.Add(key + "=" + Uri.EscapeDataString(value));
        if (Dyno is not null) Add(DynoKey, Dyno);
        foreach (var arg in Command) Add(CommandKey, arg);
        foreach (var (key, value) in Env ?? new Dictionary<string, string>()) Add(EnvKey, key + "=" + value);
        if (Terminal) Add(TerminalKey, "1");
        if (Cols is { } cols) Add(ColsKey, cols.ToString(CultureInfo.InvariantCulture));
        if (Rows is { } rows) Add(RowsKey, rows.ToString(CultureInfo.InvariantCulture));
        if (TtlSeconds is { } ttl) Add(TtlKey, ttl.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
