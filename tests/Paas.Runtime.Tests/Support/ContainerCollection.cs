namespace Paas.Runtime.Tests.Support;

/// <summary>Container tests share one host stack and run one at a time (CPU and memory measurements need a quiet host).</summary>
[CollectionDefinition(Name)]
public sealed class ContainerCollection : ICollectionFixture<ContainerHost>
{
    public const string Name = "containers";
}
