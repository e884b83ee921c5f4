using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>One real paasd for the API tests; each test uses its own app names.</summary>
[CollectionDefinition(Name)]
public sealed class PaasdCollection : ICollectionFixture<PaasdFixture>
{
    public const string Name = "paasd";
}
