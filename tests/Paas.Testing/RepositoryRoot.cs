namespace Paas.Testing;

public static class RepositoryRoot
{
    /// <summary>The directory holding Paas.sln, found from the test assembly upwards.</summary>
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Paas.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"Paas.sln not found above {AppContext.BaseDirectory}");
    }
}
