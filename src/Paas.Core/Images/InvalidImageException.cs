namespace Paas.Core.Images;

/// <summary>An OCI archive or blob that is malformed or does not match its digest.</summary>
public sealed class InvalidImageException(string message, Exception? inner = null) : Exception(message, inner);
