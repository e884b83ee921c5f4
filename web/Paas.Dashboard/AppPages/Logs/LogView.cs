using Paas.Core.Containers;

namespace Paas.Dashboard.AppPages.Logs;

/// <summary>
/// The lines the logs page holds: the newest <see cref="Capacity"/>, what the text filter lets through,
/// and, while paused, the lines that arrived meanwhile (shown on resume, none lost up to the capacity).
/// </summary>
public sealed class LogView
{
    public const int Capacity = 2000;

    private readonly LinkedList<LogLine> _lines = new();
    private readonly List<LogLine> _held = [];

    public bool Paused { get; private set; }

    public int Held => _held.Count;

    public string Filter { get; set; } = "";

    public void Add(LogLine line)
    {
        if (Paused)
        {
            _held.Add(line);
            if (_held.Count > Capacity) _held.RemoveAt(0);
            return;
        }
        Append(line);
    }

    public void Pause() => Paused = true;

    public void Resume()
    {
        Paused = false;
        foreach (var line in _held) Append(line);
        _held.Clear();
    }

    public void Clear()
    {
        _lines.Clear();
        _held.Clear();
    }

    public IEnumerable<LogLine> Visible =>
        Filter.Length == 0 ? _lines : _lines.Where(l => l.Text.Contains(Filter, StringComparison.OrdinalIgnoreCase));

    /// <summary>Lines as `paas logs` prints them, for the download.</summary>
    public static string Format(IEnumerable<LogLine> lines) =>
        string.Concat(lines.Select(l => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{l.Timestamp.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} {l.App}[{l.ProcessType}]: {l.Text}\n")));

    private void Append(LogLine line)
    {
        _lines.AddLast(line);
        if (_lines.Count > Capacity) _lines.RemoveFirst();
    }
}
