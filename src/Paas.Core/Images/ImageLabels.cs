namespace Paas.Core.Images;

/// <summary>
/// Image config labels paasd writes on the stacks and app images it builds. They describe; they grant nothing:
/// host binds come only from the runtime's own record of the stacks it built, never from image
/// metadata, which an imported archive controls.
/// </summary>
public static class ImageLabels
{
    public const string StackName = "paas.stack.name";
    public const string StackSource = "paas.stack.source";

    /// <summary>On app images: the process types as a JSON object, name to command (what the release shows).</summary>
    public const string ProcessTypes = "paas.process-types";

    /// <summary>On app images: the git commit the slug was built from.</summary>
    public const string Commit = "paas.commit";

    /// <summary>On app images: the buildpacks that built the slug, comma-separated, in order.</summary>
    public const string Buildpacks = "paas.buildpacks";
}
