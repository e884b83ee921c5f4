namespace Paas.Push.Tests;

/// <summary>One real paasd with the host stack for every push test; each test pushes its own apps.</summary>
[CollectionDefinition(Name)]
public sealed class PushCollection : ICollectionFixture<PushHost>
{
    public const string Name = "push";
}
