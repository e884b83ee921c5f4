namespace Paas.Core.Stacks;

/// <summary>A base root filesystem; it is an image whose reference is "stack/&lt;name&gt;".</summary>
public sealed record Stack(string Name, StackSource Source, string ImageReference, DateTimeOffset CreatedAt)
{
    public static string ReferenceFor(string name) => $"stack/{name}";
}
