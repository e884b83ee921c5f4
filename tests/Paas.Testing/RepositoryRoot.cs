using System.Reflection;

namespace Paas.Testing;

public static class RepositoryRoot
{
    /// <summary>The checkout holding Paas.sln, as recorded at build time (tests/Directory.Build.props).</summary>
    public static string Find(Assembly? assembly = null)
    {
        var recorded = (assembly ?? typeof(RepositoryRoot).Assembly)
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "PaasRepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "Paas.sln")))
            return recorded;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Paas.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"Paas.sln not found (recorded root: {recorded ?? "none"}, base: {AppContext.BaseDirectory})");
    }
}
