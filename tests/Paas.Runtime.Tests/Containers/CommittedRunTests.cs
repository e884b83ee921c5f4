using Paas.Core.Containers;
using Paas.Core.Images;
using Paas.Runtime.Logs;
using Paas.Runtime.Tests.Support;

namespace Paas.Runtime.Tests.Containers;

/// <summary>
/// IContainerRuntime.RunAttachedAndCommitAsync (Dokku's predeploy commit): what the command added,
/// changed and deleted is in the new image, whose containers see it; a failing command commits nothing.
/// </summary>
[Collection(ContainerCollection.Name)]
public sealed class CommittedRunTests(ContainerHost host)
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task AddedChangedAndDeletedFiles_AreInTheCommittedImage_AndTheBaseImageIsUnchanged()
    {
        var name = $"commit-{Guid.NewGuid():N}"[..15];
        var baseRef = await BaseImageAsync(name);
        var committedRef = $"{name}/app:after";
        using var runtime = host.Runtime();
        try
        {
            // rm -r then mkdir of the same dir makes overlayfs mark it opaque: old.txt must stay gone.
            var script = "rm /data/gone.txt && echo new > /data/new.txt && echo changed > /data/keep.txt" +
                         " && rm -r /data/replaced && mkdir /data/replaced && echo fresh > /data/replaced/fresh.txt";
            var run = await runtime.RunAttachedAndCommitAsync(
                ContainerHost.Spec("sh", "-c", script) with { Image = baseRef, User = "root" }, new RecordingOutput(), Long, committedRef, CancellationToken.None);

            Assert.Equal(0, run.Exit.ExitCode);
            Assert.NotNull(run.Image);
            Assert.Equal(committedRef, run.Image.Reference);
            LeftoverAssert.NothingLeft(host, run.Exit.Id);

            Assert.Equal(["changed", "data: keep.txt new.txt replaced", "new", "replaced: fresh.txt"],
                await ListAsync(runtime, committedRef));
            Assert.Equal(["base", "data: gone.txt keep.txt replaced", "replaced: old.txt"], await ListAsync(runtime, baseRef));
        }
        finally
        {
            await DeleteAsync(committedRef);
            await DeleteAsync(baseRef);
        }
    }

    [Fact]
    public async Task AFailingCommand_CommitsNothing()
    {
        var name = $"commit-{Guid.NewGuid():N}"[..15];
        var baseRef = await BaseImageAsync(name);
        using var runtime = host.Runtime();
        try
        {
            var run = await runtime.RunAttachedAndCommitAsync(
                ContainerHost.Spec("sh", "-c", "echo new > /data/new.txt; exit 3") with { Image = baseRef, User = "root" },
                new RecordingOutput(), Long, $"{name}/app:after", CancellationToken.None);

            Assert.Equal((3, (Image?)null), (run.Exit.ExitCode, run.Image));
            Assert.Null(await host.Images.FindAsync($"{name}/app:after", CancellationToken.None));
            LeftoverAssert.NothingLeft(host, run.Exit.Id);
        }
        finally
        {
            await DeleteAsync(baseRef);
        }
    }

    /// <summary>The host stack plus /data holding keep.txt ("base"), gone.txt and replaced/old.txt.</summary>
    private async Task<string> BaseImageAsync(string name)
    {
        var dir = Directory.CreateTempSubdirectory("paas-commit-base-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "data", "replaced"));
            File.WriteAllText(Path.Combine(dir, "data", "keep.txt"), "base\n");
            File.WriteAllText(Path.Combine(dir, "data", "gone.txt"), "");
            File.WriteAllText(Path.Combine(dir, "data", "replaced", "old.txt"), "");
            var reference = $"{name}/app:before";
            await host.Images.CommitDirectoryAsync(reference, dir, ImageConfig.Empty, ContainerHost.HostStack, CancellationToken.None);
            return reference;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<string>> ListAsync(IContainerRuntime runtime, string image)
    {
        var output = new RecordingOutput();
        var info = await runtime.RunAttachedAsync(
            ContainerHost.Spec("sh", "-c", "cat /data/keep.txt; echo data: $(ls /data); cat /data/new.txt 2>/dev/null; echo replaced: $(ls /data/replaced)") with { Image = image },
            output, Long, CancellationToken.None);
        Assert.Equal(0, info.ExitCode);
        return output.Of(LogStream.Stdout);
    }

    private async Task DeleteAsync(string reference)
    {
        if (await host.Images.FindAsync(reference, CancellationToken.None) is not null)
            await host.Images.DeleteAsync(reference, CancellationToken.None);
    }
}
