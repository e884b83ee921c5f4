namespace Paas.Core.Stacks;

/// <summary>A base root filesystem; it is an image whose reference is "stack/&lt;name&gt;".</summary>
public sealed record Stack(string Name, StackSource Source, string ImageReference, DateTimeOffset CreatedAt)
{
    /// <summary>Only paasd's own stack builds write references under this prefix; imports may not.</summary>
    public const string ReferencePrefix = "stack/";

    public static string ReferenceFor(string name) => ReferencePrefix + name;

    public static bool IsStackReference(string reference) => reference.StartsWith(ReferencePrefix, StringComparison.Ordinal);
}
