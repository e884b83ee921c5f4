using System.Xml.Linq;

namespace Paas.Architecture.Tests;

/// <summary>The same rule read from the .csproj files, so an unused but forbidden reference is caught too.</summary>
public sealed class ProjectReferenceTests
{
    public static TheoryData<string> Projects() => new(
        new[] { "src", "web" }
            .Select(folder => Path.Combine(RepositoryRoot(), folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.GetFiles(folder, "*.csproj", SearchOption.AllDirectories))
            .Select(file => Path.GetFileNameWithoutExtension(file)));

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectFile_ReferencesOnlyWhatTheDesignAllows(string project)
    {
        Assert.True(DesignRules.AllowedReferences.ContainsKey(project), $"add a dependency rule for {project}");
        var file = Directory.GetFiles(RepositoryRoot(), project + ".csproj", SearchOption.AllDirectories).Single();

        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

        var forbidden = references.Except(DesignRules.AllowedReferences[project]).ToList();
        Assert.True(forbidden.Count == 0, $"{project} must not reference {string.Join(", ", forbidden)} (DESIGN §3)");
    }

    private static string RepositoryRoot() =>
        typeof(ProjectReferenceTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PaasRepositoryRoot").Value!;
}
