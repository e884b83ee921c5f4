using System.Reflection;

namespace Paas.Architecture.Tests;

/// <summary>
/// DESIGN §3: Core &lt;- {Data, Git, Builds, Runtime, Proxy} (adapters never reference each other)
/// &lt;- Engine &lt;- {Api, Dashboard} &lt;- Host; Router -> Proxy -> Core; Cli -> Core only.
/// Each project may reference only the Paas assemblies listed for it.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Paas.Core"] = [],
        ["Paas.Data"] = ["Paas.Core"],
        ["Paas.Git"] = ["Paas.Core"],
        ["Paas.Builds"] = ["Paas.Core"],
        ["Paas.Runtime"] = ["Paas.Core"],
        ["Paas.Proxy"] = ["Paas.Core"],
        ["Paas.Engine"] = ["Paas.Core"],
        ["Paas.Api"] = ["Paas.Core", "Paas.Engine"],
        ["Paas.Dashboard"] = ["Paas.Core", "Paas.Engine"],
        ["Paas.Router"] = ["Paas.Core", "Paas.Proxy"],
        ["paas"] = ["Paas.Core"],
        ["paasd"] = ["Paas.Core", "Paas.Data", "Paas.Git", "Paas.Builds", "Paas.Runtime", "Paas.Proxy", "Paas.Engine", "Paas.Api", "Paas.Dashboard"],
    };

    public static TheoryData<string> Assemblies() => new(Allowed.Keys.Where(name => Load(name) is not null));

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void Project_ReferencesOnlyWhatTheDesignAllows(string name)
    {
        var assembly = Load(name)!;

        var paasReferences = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(IsPaasAssembly)
            .ToList();

        var forbidden = paasReferences.Except(Allowed[name]).ToList();
        Assert.True(forbidden.Count == 0, $"{name} must not reference {string.Join(", ", forbidden)} (DESIGN §3)");
    }

    [Fact]
    public void EveryPaasAssemblyInTheBuild_HasARule()
    {
        var here = Path.GetDirectoryName(typeof(DependencyDirectionTests).Assembly.Location)!;

        var unknown = Directory.GetFiles(here, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => IsPaasAssembly(n!) && !n!.EndsWith(".Tests", StringComparison.Ordinal))
            .Where(n => !Allowed.ContainsKey(n!))
            .ToList();

        Assert.True(unknown.Count == 0, $"add a dependency rule for {string.Join(", ", unknown)}");
    }

    [Fact]
    public void TheCoreAssembly_IsLoaded()
    {
        Assert.NotNull(Load("Paas.Core"));
        Assert.NotNull(Load("paasd"));
        Assert.NotNull(Load("paas"));
    }

    private static bool IsPaasAssembly(string name) =>
        name.StartsWith("Paas.", StringComparison.Ordinal) || name is "paas" or "paasd";

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
