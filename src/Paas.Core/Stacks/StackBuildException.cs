namespace Paas.Core.Stacks;

/// <summary>A stack build step (debootstrap, apt-get, useradd) failed; the message carries the tail of its output.</summary>
public sealed class StackBuildException(string message, Exception? inner = null) : Exception(message, inner);
