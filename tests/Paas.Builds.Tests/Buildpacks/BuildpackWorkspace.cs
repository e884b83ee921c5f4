using Paas.Testing;

namespace Paas.Builds.Tests.Buildpacks;

/// <summary>
/// One build laid out as the build container has it, in a temp dir removed on dispose: a copy of a
/// sample app as BUILD_DIR, CACHE_DIR, ENV_DIR, HOME and TMPDIR owned by the unprivileged user,
/// and a copy of buildpacks/ that user cannot write (builds mount it read-only).
/// </summary>
public sealed class BuildpackWorkspace : IDisposable
{
    private readonly TestDirectory _root = new("paas-buildpack-");

    private BuildpackWorkspace(string? cacheDir)
    {
        CacheDir = cacheDir ?? _root.Combine("cache");
    }

    public string BuildDir => _root.Combine("build");
    public string CacheDir { get; }
    public string EnvDir => _root.Combine("env");
    public string HomeDir => _root.Combine("home");
    public string TmpDir => _root.Combine("tmp");
    public string BuildpacksDir => _root.Combine("buildpacks");

    /// <summary>A workspace for a sample app of tests/apps; <paramref name="cacheDir"/> shares a cache between builds.</summary>
    public static async Task<BuildpackWorkspace> CreateAsync(string sampleApp, string? cacheDir = null)
    {
        var workspace = new BuildpackWorkspace(cacheDir);
        try
        {
            await ProcessRunner.RunCheckedAsync("cp", "-R", BuiltInBuildpacks.Directory, workspace.BuildpacksDir);
            await ProcessRunner.RunCheckedAsync("chmod", "-R", "a-w", workspace.BuildpacksDir);
            await workspace.ReplaceBuildDirAsync(sampleApp);
            foreach (var dir in new[] { workspace.CacheDir, workspace.EnvDir, workspace.HomeDir, workspace.TmpDir })
            {
                Directory.CreateDirectory(dir);
                await Unprivileged.GiveAsync(dir);
            }
            return workspace;
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    /// <summary>A fresh copy of the sample app as BUILD_DIR (a new push of the same app).</summary>
    public async Task ReplaceBuildDirAsync(string sampleApp)
    {
        if (Directory.Exists(BuildDir))
            Directory.Delete(BuildDir, recursive: true);
        await ProcessRunner.RunCheckedAsync("cp", "-R", BuiltInBuildpacks.SampleApp(sampleApp), BuildDir);
        await Unprivileged.GiveAsync(BuildDir);
    }

    /// <summary>Sets a config var the way the build does: a file in ENV_DIR named after it.</summary>
    public async Task SetConfigAsync(string name, string value)
    {
        var file = Path.Combine(EnvDir, name);
        await File.WriteAllTextAsync(file, value);
        await Unprivileged.GiveAsync(file);
    }

    /// <summary>Runs bin/detect, bin/compile or bin/release of a built-in buildpack with the contract's arguments.</summary>
    public Task<ProcessRunner.Result> RunAsync(string buildpack, string script, TimeSpan? timeout = null)
    {
        string[] arguments = script == "compile" ? [BuildDir, CacheDir, EnvDir] : [BuildDir];
        var program = Path.Combine(BuildpacksDir, BuiltInBuildpacks.DirectoryOf(buildpack), "bin", script);
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Unprivileged.SearchPath,
            ["HOME"] = HomeDir,
            ["TMPDIR"] = TmpDir,
            ["LANG"] = "C.UTF-8",
        };
        var line = Unprivileged.Command(environment, [program, .. arguments]);
        return ProcessRunner.RunAsync(line[0], line.Skip(1), timeout: timeout ?? TimeSpan.FromMinutes(5), workingDirectory: BuildDir);
    }

    public void Dispose() => _root.Dispose();
}
