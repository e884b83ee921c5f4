using System.Diagnostics;
using Paas.Core.Containers;
using Paas.Runtime.Containers;
using Paas.Runtime.Images;
using Paas.Testing;

namespace Paas.Push.Tests;

/// <summary>The pusher's Ctrl-C (or a dropped connection) cancels the build cleanly.</summary>
[Collection(PushCollection.Name)]
public sealed class PushCancelTests(PushHost host)
{
    [Fact]
    public async Task KillingThePusher_CancelsTheBuild_AndLeavesNoContainerImageReleaseOrRef()
    {
        var app = await host.CreateAppAsync("cancel");
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("package.json", """{ "name": "slow", "version": "1.0.0", "scripts": { "build": "echo compiling && sleep 120" } }""");
        await work.CommitAsync("slow");
        var start = new ProcessStartInfo("git", ["-C", work.Path, "push", host.Remote(app), "main"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var (key, value) in GitWorkRepo.Environment())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        using var git = Process.Start(start)!;
        try
        {
            // Ctrl-C once the buildpack's compile is under way in the build container.
            while (await git.StandardError.ReadLineAsync() is { } line && !line.Contains("compiling", StringComparison.Ordinal))
            {
            }
        }
        finally
        {
            git.Kill(entireProcessTree: true);
            await git.WaitForExitAsync();
        }

        var build = await WaitForFinishAsync(app);
        Assert.Equal("cancelled", build.Status);
        Assert.Contains("pusher disconnected", build.Error);
        Assert.Empty(await host.ReleasesAsync(app));
        Assert.Null(build.ImageDigest);
        var remote = await work.GitAsync(["ls-remote", host.Remote(app)]);
        Assert.Equal("", remote.StandardOutput.Trim());
        Assert.Empty(Directory.Exists(Path.Combine(host.Paasd.Root, "builds")) ? Directory.EnumerateFileSystemEntries(Path.Combine(host.Paasd.Root, "builds")) : []);
        Assert.DoesNotContain(await ContainersAsync(), c => c.Spec.Labels.TryGetValue(ContainerLabels.App, out var owner) && owner == app);
        Assert.DoesNotContain(await ImagesAsync(), reference => reference.EndsWith($":build-{build.Id}", StringComparison.Ordinal));
    }

    private async Task<Core.Contracts.BuildView> WaitForFinishAsync(string app)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var build = Assert.Single(await host.BuildsAsync(app));
            if (build.FinishedAt is not null) return build;
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"build {build.Id} still {build.Status} a minute after its pusher left");
            await Task.Delay(100);
        }
    }

    private async Task<IReadOnlyList<ContainerInfo>> ContainersAsync()
    {
        var paths = new RuntimePaths(host.Paasd.Root);
        using var runtime = new ContainerRuntime(paths, new OciImageStore(paths, TimeProvider.System, userNamespace: TestUserNamespace.Mapping),
            new ContainerRuntimeOptions { UserNamespace = TestUserNamespace.Mapping }, TimeProvider.System);
        return await runtime.ListAsync(CancellationToken.None);
    }

    private async Task<IReadOnlyList<string>> ImagesAsync()
    {
        var paths = new RuntimePaths(host.Paasd.Root);
        var images = new OciImageStore(paths, TimeProvider.System, userNamespace: TestUserNamespace.Mapping);
        return (await images.ListAsync(CancellationToken.None)).Select(i => i.Reference).ToList();
    }
}
