namespace Paas.Architecture.Tests;

/// <summary>
/// DESIGN §3: Core &lt;- {Data, Git, Builds, Runtime, Proxy} (adapters never reference each other)
/// &lt;- Engine &lt;- {Api, Dashboard} &lt;- Host; Router -> Proxy -> Core; Cli -> Core only.
/// Keyed by project name; the assemblies paasd, paas and paas-router are Paas.Host, Paas.Cli and Paas.Router.
/// </summary>
internal static class DesignRules
{
    public static readonly IReadOnlyDictionary<string, string[]> AllowedReferences = new Dictionary<string, string[]>
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
        ["Paas.Cli"] = ["Paas.Core"],
        ["Paas.Host"] = ["Paas.Core", "Paas.Data", "Paas.Git", "Paas.Builds", "Paas.Runtime", "Paas.Proxy", "Paas.Engine", "Paas.Api", "Paas.Dashboard"],
    };

    /// <summary>Assembly name to project name.</summary>
    public static string ProjectOf(string assembly) => assembly switch
    {
        "paasd" => "Paas.Host",
        "paas" => "Paas.Cli",
        "paas-router" => "Paas.Router",
        _ => assembly,
    };
}
