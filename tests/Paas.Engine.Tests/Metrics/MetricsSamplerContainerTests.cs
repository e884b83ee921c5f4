using Npgsql;
using Paas.Core.Errors;
using Paas.Data.Metrics;
using Paas.Engine.Metrics;
using Paas.Runtime.Cgroups;

namespace Paas.Engine.Tests.Metrics;

/// <summary>The sampler against real containers, their real cgroups and a real PostgreSQL.</summary>
public sealed class MetricsSamplerContainerTests : IAsyncLifetime
{
    private const long MiB = 1024 * 1024;
    private readonly MetricsDatabase _db = new();
    private readonly MetricsContainers _containers = new();

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        await _containers.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _containers.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task ABusyContainerThatHoldsMemory_IsSampledWithItsCpuAndMemory()
    {
        var appId = await _db.CreateAppAsync("metrics-busy");
        // 96 MiB held in one string, then one core kept busy.
        var busy = await _containers.StartAsync("exec perl -e '$x = \"a\" x (96 * 1024 * 1024); while (1) { $i++ }'");
        await _db.AddRunningInstanceAsync(appId, "web", 1, busy.Id, busy.StartedAt!.Value);
        var sampler = Sampler();

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await sampler.TickAsync(default);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var tick = await sampler.TickAsync(default);

        Assert.Equal(1, tick.Sampled);
        var points = await _db.Metrics.ReadAsync(appId, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromSeconds(1), default);
        Assert.Equal(2, points.Count);
        var last = points[^1];
        Assert.Equal("web", last.ProcessType);
        // One core spinning; the machine's two cores are shared with other work, so only "clearly busy" is certain.
        Assert.True(last.CpuPercent > 20, $"cpu {last.CpuPercent}%");
        Assert.True(last.MemoryBytes is >= 96 * MiB and <= 96 * MiB + 120 * MiB, $"memory {last.MemoryBytes / MiB} MiB");
        Assert.Equal(ResourceLimitsDefaultsMemory, last.MemoryLimitBytes);
    }

    [Fact]
    public async Task AContainerThatIsGone_IsSkipped_AndTheOthersAreWritten()
    {
        var appId = await _db.CreateAppAsync("metrics-gone");
        var stays = await _containers.StartAsync("exec sleep 60");
        var goes = await _containers.StartAsync("exec sleep 60");
        await _db.AddRunningInstanceAsync(appId, "web", 1, stays.Id, stays.StartedAt!.Value);
        await _db.AddRunningInstanceAsync(appId, "web", 2, goes.Id, goes.StartedAt!.Value);
        // A row whose container never existed here, as after a crash mid-delete.
        await _db.AddRunningInstanceAsync(appId, "worker", 1, "0123456789abcdef", DateTimeOffset.UtcNow);
        await _containers.Runtime.DeleteAsync(goes.Id, default);

        var tick = await Sampler().TickAsync(default);

        Assert.Equal(new MetricsTick(1, 2, 0, 0), tick);
        var points = await _db.Metrics.ReadAsync(appId, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(1), default);
        Assert.Equal("web", Assert.Single(points).ProcessType);
    }

    [Fact]
    public async Task ADatabaseThatIsNotThere_FailsTheTickAsUnavailable()
    {
        await using var nowhere = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=1");
        var sampler = new MetricsSampler(new PostgresMetricsStore(nowhere), Reader(), new MetricsSettings(), TimeProvider.System);

        await Assert.ThrowsAsync<StateUnavailableException>(() => sampler.TickAsync(default));
    }

    private static readonly long ResourceLimitsDefaultsMemory = Core.Limits.ResourceLimits.Defaults.MemoryBytes!.Value;

    private MetricsSampler Sampler() => new(_db.Metrics, Reader(), new MetricsSettings(), TimeProvider.System);

    private CgroupStatsReader Reader() => new(_containers.Paths, CgroupHierarchy.Detect(), TimeProvider.System);
}
