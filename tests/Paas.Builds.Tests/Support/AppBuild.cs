using System.Globalization;
using Paas.Core.Builds;
using Paas.Core.Containers;
using Paas.Core.Git;
using Paas.Core.Limits;
using Paas.Core.Networking;
using Paas.Runtime.Containers;

namespace Paas.Builds.Tests.Support;

/// <summary>
/// One build of one test app: a runner on the test host, a workspace with the app's files, the
/// request. Disposal deletes the image it made and the app's cache.
/// </summary>
public sealed class AppBuild : IAsyncDisposable
{
    private readonly BuildHost _host;

    public AppBuild(BuildHost host, BuildRunnerOptions? options = null, IContainerNetwork? network = null)
    {
        _host = host;
        Options = options ?? host.Options();
        Runtime = host.Runtime(Options, network);
        Runner = new BuildRunner(Options, Runtime, host.Images);
    }

    public BuildRunnerOptions Options { get; }
    public ContainerRuntime Runtime { get; }
    public BuildRunner Runner { get; }
    public long BuildId { get; } = Random.Shared.NextInt64(1, long.MaxValue);
    public long AppId { get; } = Random.Shared.NextInt64(1, long.MaxValue);
    public string AppName => "demo";
    public string Commit { get; } = Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + "abcdef01";
    public string ImageReference => "app/demo:b" + BuildId.ToString(CultureInfo.InvariantCulture);
    public string SourceDir { get; private set; } = "";
    public string WorkspaceDir => Path.Combine(Options.WorkspacesDirectory, BuildId.ToString(CultureInfo.InvariantCulture));
    public string CacheDir => Path.Combine(Options.CacheDirectory, AppId.ToString(CultureInfo.InvariantCulture));

    /// <summary>The workspace, with a copy of <paramref name="appDir"/> (a sample app) as the source.</summary>
    public async Task CopySourceAsync(string appDir)
    {
        var files = Directory.EnumerateFiles(appDir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(appDir, f), File.ReadAllText);
        await WriteSourceAsync(files);
    }

    /// <summary>The workspace, with <paramref name="files"/> (path to content) extracted into its source dir.</summary>
    public async Task WriteSourceAsync(IReadOnlyDictionary<string, string> files)
    {
        SourceDir = await Runner.CreateWorkspaceAsync(BuildId, CancellationToken.None);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(SourceDir, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content);
        }
    }

    /// <summary>As the extractor reports it: the metadata files present at the root.</summary>
    public SourceTree Source() => new(SourceDir, Commit, SourceTree.MetadataFiles
        .Where(name => File.Exists(Path.Combine(SourceDir, name)))
        .Select(name => KeyValuePair.Create(name, File.ReadAllText(Path.Combine(SourceDir, name))))
        .Concat(SourceTree.PresenceOnlyFiles.Where(name => File.Exists(Path.Combine(SourceDir, name))).Select(name => KeyValuePair.Create(name, "")))
        .ToDictionary());

    public BuildRequest Request(IReadOnlyDictionary<string, string>? config = null, TimeSpan? timeout = null) => new(
        BuildId, AppId, AppName, Source(), BuildHost.HostStack, config ?? new Dictionary<string, string>(),
        new ResourceLimits(512 * ResourceLimits.MiB, null, 512), timeout ?? TimeSpan.FromMinutes(2), ImageReference);

    public Task<BuildResult> BuildAsync(RecordingBuildOutput output, IReadOnlyDictionary<string, string>? config = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        Runner.BuildAsync(Request(config, timeout), output, ct);

    /// <summary>No build container, no workspace and no image are left.</summary>
    public async Task AssertNothingLeftAsync()
    {
        Assert.Empty(await Runtime.ListAsync(CancellationToken.None));
        Assert.False(Directory.Exists(WorkspaceDir), $"workspace {WorkspaceDir} remains");
        Assert.Null(await _host.Images.FindAsync(ImageReference, CancellationToken.None));
        Assert.Empty(Directory.Exists(_host.Paths.Writable) ? Directory.GetDirectories(_host.Paths.Writable) : []);
    }

    public async ValueTask DisposeAsync()
    {
        if (await _host.Images.FindAsync(ImageReference, CancellationToken.None) is not null)
            await _host.Images.DeleteAsync(ImageReference, CancellationToken.None);
        await Runner.PurgeCacheAsync(AppId, CancellationToken.None);
        if (Directory.Exists(WorkspaceDir)) Directory.Delete(WorkspaceDir, recursive: true);
        Runtime.Dispose();
    }
}
