namespace Paas.Core.Containers;

/// <summary>A terminal's size in character cells. conmon accepts 0 to 1000 for each.</summary>
public sealed record TerminalSize(int Columns, int Rows)
{
    public const int Max = 1000;

    public bool IsValid => Columns is > 0 and <= Max && Rows is > 0 and <= Max;
}
