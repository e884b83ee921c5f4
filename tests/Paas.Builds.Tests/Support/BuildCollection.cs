namespace Paas.Builds.Tests.Support;

/// <summary>Build tests share one root and host stack, and run one at a time (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class BuildCollection : ICollectionFixture<BuildHost>
{
    public const string Name = "builds";
}
