namespace Paas.Testing;

/// <summary>
/// The published <c>paasd</c>, <c>paas</c> and <c>paas-router</c> the tests run as real processes: the directory named by
/// PAAS_TEST_BIN (tests/run.sh publishes there), or else one published on first use under artifacts/.
/// </summary>
public static class PaasBinaries
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static string? _directory;

    public static async Task<string> DirectoryAsync()
    {
        await Lock.WaitAsync();
        try
        {
            return _directory ??= await LocateAsync();
        }
        finally
        {
            Lock.Release();
        }
    }

    /// <summary>The published paas-router.</summary>
    public static async Task<string> RouterAsync() => Path.Combine(await DirectoryAsync(), "paas-router");

    private static async Task<string> LocateAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PAAS_TEST_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            foreach (var binary in new[] { "paasd", "paas", "paas-router" })
                if (!File.Exists(Path.Combine(fromEnvironment, binary)))
                    throw new InvalidOperationException($"PAAS_TEST_BIN={fromEnvironment} has no '{binary}': publish it there (tests/run.sh does)");
            return fromEnvironment;
        }

        var root = RepositoryRoot.Find();
        var directory = Path.Combine(root, "artifacts", "test-bin-local");
        // Test assemblies run in parallel processes: a lock file keeps them from publishing over each other.
        Directory.CreateDirectory(directory);
        await using var lockFile = await AcquireAsync(Path.Combine(root, "artifacts", "test-bin-local.lock"));
        foreach (var project in new[] { "src/Paas.Host", "src/Paas.Cli", "src/Paas.Router" })
        {
            // A private artifacts path keeps this publish out of the src/*/bin and obj of an IDE or another build.
            var result = await ProcessRunner.RunAsync("dotnet",
                ["publish", project, "-c", "Release", "-o", directory, "--artifacts-path", Path.Combine(root, "artifacts", "test-bin-local-build"), "--nologo", "-v", "q"],
                workingDirectory: root, timeout: TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"dotnet publish {project} failed: {result.StandardOutput}{result.StandardError}");
        }
        return directory;
    }

    private static async Task<FileStream> AcquireAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }
}
