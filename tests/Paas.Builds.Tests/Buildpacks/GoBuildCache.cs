using Paas.Testing;

namespace Paas.Builds.Tests.Buildpacks;

/// <summary>
/// One CACHE_DIR for the go tests, as an app's builds share theirs: a build without a C compiler
/// (CGO_ENABLED=0) compiles the standard library first, a minute or more on two cores, once.
/// </summary>
public sealed class GoBuildCache : IAsyncLifetime
{
    private readonly TestDirectory _dir = new("paas-go-cache-");

    public string Path => _dir.Combine("cache");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path);
        await Unprivileged.GiveAsync(Path);
    }

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
