namespace Paas.Core.Images;

/// <summary>
/// Image config labels paasd writes on the stacks it builds. They describe; they grant nothing:
/// host binds come only from the runtime's own record of the stacks it built, never from image
/// metadata, which an imported archive controls.
/// </summary>
public static class ImageLabels
{
    public const string StackName = "paas.stack.name";
    public const string StackSource = "paas.stack.source";
}
