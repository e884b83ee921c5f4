namespace Paas.Core.Containers;

/// <summary>What the caller of an interactive session sends: bytes for the process's stdin, or a new terminal size.</summary>
public abstract record SessionInput
{
    public sealed record Stdin(ReadOnlyMemory<byte> Data) : SessionInput;

    public sealed record Resize(TerminalSize Size) : SessionInput;
}
