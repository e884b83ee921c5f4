namespace Paas.Dashboard.Shared;

/// <summary>What <see cref="AddItemsForm"/> hands its page: the items typed, and whether the page took them.</summary>
public sealed class AddItems(IReadOnlyList<string> items)
{
    public IReadOnlyList<string> Items { get; } = items;

    public bool Accepted { get; set; }
}
