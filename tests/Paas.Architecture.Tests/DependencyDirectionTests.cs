using System.Reflection;

namespace Paas.Architecture.Tests;

/// <summary>The DESIGN §3 rule (<see cref="DesignRules"/>) checked on the compiled assemblies.</summary>
public sealed class DependencyDirectionTests
{
    private static readonly string[] AssemblyNames =
        DesignRules.AllowedReferences.Keys.Select(p => p switch { "Paas.Host" => "paasd", "Paas.Cli" => "paas", "Paas.Router" => "paas-router", _ => p }).ToArray();

    public static TheoryData<string> Assemblies() => new(AssemblyNames.Where(name => Load(name) is not null));

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Project_ReferencesOnlyWhatTheDesignAllows(string name)
    {
        var assembly = Load(name)!;

        var paasReferences = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(IsPaasAssembly)
            .Select(DesignRules.ProjectOf)
            .ToList();

        var forbidden = paasReferences.Except(DesignRules.AllowedReferences[DesignRules.ProjectOf(name)]).ToList();
        Assert.True(forbidden.Count == 0, $"{name} must not reference {string.Join(", ", forbidden)} (DESIGN §3)");
    }

    [Fact]
    public void EveryPaasAssemblyInTheBuild_HasARule()
    {
        var here = Path.GetDirectoryName(typeof(DependencyDirectionTests).Assembly.Location)!;

        var unknown = Directory.GetFiles(here, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => IsPaasAssembly(n!) && !n!.EndsWith(".Tests", StringComparison.Ordinal))
            .Where(n => !DesignRules.AllowedReferences.ContainsKey(DesignRules.ProjectOf(n!)))
            .ToList();

        Assert.True(unknown.Count == 0, $"add a dependency rule for {string.Join(", ", unknown)}");
    }

    [Fact]
    public void TheCoreAssembly_IsLoaded()
    {
        Assert.NotNull(Load("Paas.Core"));
        Assert.NotNull(Load("paasd"));
        Assert.NotNull(Load("Paas.Dashboard"));
        Assert.NotNull(Load("paas"));
    }

    private static bool IsPaasAssembly(string name) =>
        name.StartsWith("Paas.", StringComparison.Ordinal) || name is "paas" or "paasd" or "paas-router";

    private static Assembly? Load(string name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
