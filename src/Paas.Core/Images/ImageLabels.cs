namespace Paas.Core.Images;

/// <summary>Image config labels with a meaning to the runtime.</summary>
public static class ImageLabels
{
    /// <summary>
    /// Comma-separated absolute host paths bound read-only at the same path in the container
    /// (the host stack: "/usr,/etc/ssl,/etc/alternatives"). Inherited by images built on the stack.
    /// </summary>
    public const string StackBinds = "paas.stack.binds";

    public const string StackName = "paas.stack.name";
    public const string StackSource = "paas.stack.source";
}
