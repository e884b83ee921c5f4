using Paas.Core.Containers;

namespace Paas.Runtime.Containers;

/// <summary>How an interactive container's stdio is set up: stdin always open; a pseudo-terminal of <see cref="Size"/> with <see cref="Terminal"/>.</summary>
public sealed record InteractiveStdio(bool Terminal, TerminalSize? Size)
{
    public static InteractiveStdio Of(IInteractiveSession session) =>
        new(session.Terminal, session.Terminal && session.InitialSize is { IsValid: true } size ? size : null);
}
