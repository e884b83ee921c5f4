using Paas.Testing;

namespace Paas.Api.Tests.Git;

/// <summary>One commit holding 100 MB of random (incompressible) bytes, made once for the tests that push it.</summary>
public sealed class LargeWorkRepo : IAsyncLifetime
{
    public const int Bytes = 100 * 1024 * 1024;

    public GitWorkRepo Work { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Work = await GitWorkRepo.CreateAsync("big");
        var data = new byte[1024 * 1024];
        await using (var file = File.Create(Path.Combine(Work.Path, "random.bin")))
        {
            for (var i = 0; i < Bytes / data.Length; i++)
            {
                Random.Shared.NextBytes(data);
                await file.WriteAsync(data);
            }
        }
        // Stored as is: compressing random bytes gains nothing and costs the shared CPUs seconds.
        await Work.GitCheckedAsync("config", "core.compression", "0");
        await Work.CommitAsync("100 MB");
    }

    public Task DisposeAsync()
    {
        Work?.Dispose();
        return Task.CompletedTask;
    }
}
