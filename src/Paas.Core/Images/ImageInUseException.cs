namespace Paas.Core.Images;

/// <summary>
/// An image reference that may not be written or deleted: it is a stack's, or a release runs the
/// image. <see cref="Exception.Message"/> says what uses it and what to do instead.
/// </summary>
public sealed class ImageInUseException(string reference, string message) : Exception(message)
{
    public string Reference { get; } = reference;
}
