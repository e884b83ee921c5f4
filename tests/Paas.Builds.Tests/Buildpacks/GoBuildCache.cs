using Paas.Testing;

namespace Paas.Builds.Tests.Buildpacks;

/// <summary>
/// One CACHE_DIR for the go tests: the first build compiles the standard library (CGO_ENABLED=0,
/// -trimpath), a minute or more on two cores; the next builds reuse it, as an app's builds do.
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
