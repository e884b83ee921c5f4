using Paas.Testing;

namespace Paas.Cli.Tests.WithPaasd;

/// <summary>One paasd (with its own database) shared by every test of the published CLI; tests use unique app names.</summary>
[CollectionDefinition(Name)]
public sealed class PaasdCollection : ICollectionFixture<PaasdFixture>
{
    public const string Name = "paasd";
}
