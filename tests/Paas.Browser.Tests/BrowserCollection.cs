namespace Paas.Browser.Tests;

/// <summary>One paasd and one chromium for every browser test; each test opens its own browser context.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserHost>
{
    public const string Name = "browser";
}
