namespace Paas.Core.State;

/// <summary>
/// A committed change to an app's state (its row, containers, domains, ports, formation, settings),
/// or, with <see cref="Resync"/>, a sign that changes may have been missed (the listener was
/// (re)connected) and everything must be read again.
/// </summary>
public sealed record StateChange(string Table, long AppId)
{
    public static StateChange Resync { get; } = new("", 0);

    public bool IsResync => Table.Length == 0;
}
