using System.Runtime.InteropServices;

namespace Paas.Cli.Sessions;

/// <summary>
/// Standard input's terminal switched to raw mode for an interactive session (no echo, no line editing, no
/// signals from ^C or ^Z: every key goes to the remote terminal, which does all that itself), and put back
/// exactly as it was on every way out: dispose, SIGTERM, SIGHUP, SIGQUIT, SIGINT and process exit.
/// <see cref="Resized"/> reports SIGWINCH.
/// </summary>
public sealed class RawTerminal : IDisposable
{
    private readonly byte[] _saved = new byte[TerminalNative.TermiosBufferSize];
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly Lock _gate = new();
    private bool _restored;

    private RawTerminal()
    {
        if (TerminalNative.TcGetAttr(TerminalNative.StandardInput, _saved) != 0)
            throw new CliException($"cannot read the terminal's settings (errno {Marshal.GetLastPInvokeError()})");
        var raw = (byte[])_saved.Clone();
        TerminalNative.CfMakeRaw(raw);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT, PosixSignal.SIGINT })
            _signals.Add(PosixSignalRegistration.Create(signal, _ => Restore()));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
        {
            context.Cancel = true;
            Resized?.Invoke();
        }));
        if (TerminalNative.TcSetAttr(TerminalNative.StandardInput, TerminalNative.TcsaNow, raw) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Dispose();
            throw new CliException($"cannot switch the terminal to raw mode (errno {errno})");
        }
    }

    /// <summary>Raised on SIGWINCH, on a thread of the runtime's.</summary>
    public event Action? Resized;

    /// <summary>True when standard input and output are both terminals, as an interactive session needs.</summary>
    public static bool IsAvailable =>
        TerminalNative.IsATty(TerminalNative.StandardInput) == 1 && TerminalNative.IsATty(TerminalNative.StandardOutput) == 1;

    public static RawTerminal Enter() => new();

    /// <summary>The size of the terminal on standard output (or input), or null when neither reports one.</summary>
    public static (int Columns, int Rows)? Size() =>
        TerminalNative.WindowSize(TerminalNative.StandardOutput) ?? TerminalNative.WindowSize(TerminalNative.StandardInput);

    public void Dispose()
    {
        Restore();
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        foreach (var registration in _signals) registration.Dispose();
        _signals.Clear();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Restore();

    private void Restore()
    {
        lock (_gate)
        {
            if (_restored) return;
            _restored = true;
            TerminalNative.TcSetAttr(TerminalNative.StandardInput, TerminalNative.TcsaNow, _saved);
        }
    }
}
