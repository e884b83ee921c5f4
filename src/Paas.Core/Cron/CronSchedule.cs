using System.Globalization;

namespace Paas.Core.Cron;

/// <summary>
/// A cron schedule in the 5-field syntax (minute hour day-of-month month day-of-week; lists,
/// ranges, steps, month and weekday names, 7 for Sunday) or one of @hourly, @daily (@midnight),
/// @weekly, @monthly, @yearly (@annually). As in Vixie cron, when both day fields are restricted a
/// day matches either of them. Times are UTC.
/// </summary>
public sealed class CronSchedule
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private static readonly CronField[] FieldRules =
    [
        new("minute", 0, 59, []),
        new("hour", 0, 23, []),
        new("day of month", 1, 31, []),
        new("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        // 0-7 with both 0 and 7 meaning Sunday; names map to 0-6.
        new("day of week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ];

    private readonly ulong[] _allowed;
    private readonly bool _anyDayOfMonth;
    private readonly bool _anyDayOfWeek;

    private CronSchedule(string expression, string fields, ulong[] allowed, bool anyDayOfMonth, bool anyDayOfWeek)
    {
        Expression = expression;
        Fields = fields;
        _allowed = allowed;
        _anyDayOfMonth = anyDayOfMonth;
        _anyDayOfWeek = anyDayOfWeek;
    }

    /// <summary>The schedule as written (trimmed).</summary>
    public string Expression { get; }

    /// <summary>The 5 fields, macros expanded ("@hourly" is "0 * * * *"), separated by single spaces.</summary>
    public string Fields { get; }

    /// <summary>
    /// Both day fields are restricted, so a day matches either (Vixie cron): schedulers that take both
    /// (Cronos, Quartz) would ask for both at once.
    /// </summary>
    public bool EitherDay => !_anyDayOfMonth && !_anyDayOfWeek;

    public override string ToString() => Expression;

    /// <summary>Null and the schedule, or the problem in words (which field, what is wrong, an example).</summary>
    public static string? TryParse(string? text, out CronSchedule? schedule)
    {
        schedule = null;
        var expression = text?.Trim() ?? "";
        if (expression.Length == 0) return "the schedule is empty: use 5 fields such as \"*/10 * * * *\" or @hourly, @daily, @weekly, @monthly, @yearly";
        if (expression.Length > 200) return "the schedule is longer than 200 characters";
        var fieldsText = expression;
        if (expression.StartsWith('@'))
        {
            if (!Macros.TryGetValue(expression, out var expanded))
                return $"'{expression}' is not a schedule Paas knows: use @hourly, @daily, @weekly, @monthly, @yearly or 5 fields (@reboot and @every are not supported)";
            fieldsText = expanded;
        }

        var parts = fieldsText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != FieldRules.Length)
            return $"'{expression}' has {parts.Length} field{(parts.Length == 1 ? "" : "s")}: a schedule has 5 (minute hour day-of-month month day-of-week), such as \"30 2 * * *\"";
        var allowed = new ulong[FieldRules.Length];
        for (var i = 0; i < FieldRules.Length; i++)
        {
            var problem = FieldRules[i].TryParse(parts[i], out allowed[i]);
            if (problem is not null) return $"'{expression}': {problem}";
        }
        // Sunday is 0 or 7.
        if ((allowed[4] & (1UL << 7)) != 0) allowed[4] = (allowed[4] | 1UL) & ~(1UL << 7);
        schedule = new CronSchedule(expression, string.Join(' ', parts), allowed, parts[2].StartsWith('*'), parts[4].StartsWith('*'));
        return null;
    }

    public static CronSchedule Parse(string text) =>
        TryParse(text, out var schedule) is { } problem ? throw new FormatException(problem) : schedule!;

    /// <summary>Whether the schedule fires in the minute of <paramref name="time"/> (taken as UTC).</summary>
    public bool Matches(DateTimeOffset time)
    {
        var t = time.UtcDateTime;
        return Has(0, t.Minute) && Has(1, t.Hour) && MatchesDay(t.Date);
    }

    /// <summary>
    /// The first minute at or after <paramref name="from"/> (UTC, seconds dropped) in which the schedule
    /// fires, or null when none comes within 8 years (a day that never exists, such as 30 February).
    /// Day by day, so a rare schedule costs a few thousand steps at most.
    /// </summary>
    public DateTimeOffset? FirstMatchFrom(DateTimeOffset from)
    {
        var start = from.UtcDateTime;
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc);
        if (from.UtcDateTime > start) start = start.AddMinutes(1);
        var day = start.Date;
        for (var i = 0; i < 8 * 366; i++, day = day.AddDays(1))
        {
            if (!MatchesDay(day)) continue;
            for (var hour = day == start.Date ? start.Hour : 0; hour < 24; hour++)
            {
                if (!Has(1, hour)) continue;
                for (var minute = day == start.Date && hour == start.Hour ? start.Minute : 0; minute < 60; minute++)
                    if (Has(0, minute)) return new DateTimeOffset(day.AddHours(hour).AddMinutes(minute));
            }
        }

        return null;
    }

    private bool MatchesDay(DateTime day)
    {
        if (!Has(3, day.Month)) return false;
        var dayOfMonth = Has(2, day.Day);
        var dayOfWeek = Has(4, (int)day.DayOfWeek);
        return _anyDayOfMonth || _anyDayOfWeek ? dayOfMonth && dayOfWeek : dayOfMonth || dayOfWeek;
    }

    private bool Has(int field, int value) => (_allowed[field] & (1UL << value)) != 0;

    private sealed record CronField(string Name, int Min, int Max, string[] Names)
    {
        public string? TryParse(string text, out ulong allowed)
        {
            allowed = 0;
            foreach (var item in text.Split(','))
            {
                var problem = TryParseItem(item, ref allowed);
                if (problem is not null) return problem;
            }
            return null;
        }

        private string? TryParseItem(string item, ref ulong allowed)
        {
            var (range, stepText) = item.IndexOf('/') is var slash and >= 0 ? (item[..slash], item[(slash + 1)..]) : (item, null);
            var step = 1;
            if (stepText is not null && (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > Max))
                return $"the {Name} step in '{item}' must be a whole number from 1 to {Max}";
            int from, to;
            if (range == "*")
                (from, to) = (Min, Max);
            else if (range.IndexOf('-') is var dash and > 0)
            {
                if (Value(range[..dash]) is not { } a || Value(range[(dash + 1)..]) is not { } b) return Invalid(item);
                if (a > b) return $"the {Name} range '{range}' runs backwards: write the smaller value first";
                (from, to) = (a, b);
            }
            else if (Value(range) is { } single)
                // "5/15" means from 5 to the end in steps of 15, as most crons read it.
                (from, to) = (single, stepText is null ? single : Max);
            else
                return Invalid(item);
            for (var v = from; v <= to; v += step) allowed |= 1UL << v;
            return null;
        }

        private int? Value(string text)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                return number >= Min && number <= Max ? number : null;
            var index = Array.FindIndex(Names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
            return index < 0 ? null : index + (Name == "month" ? 1 : 0);
        }

        private string Invalid(string item) =>
            $"'{item}' is not a valid {Name}: use a number from {Min} to {Max}{(Names.Length > 0 ? $" or a name ({Names[0]}-{Names[^1]})" : "")}, '*', a range a-b, a list a,b or a step */n";
    }
}
