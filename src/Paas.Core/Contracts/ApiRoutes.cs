namespace Paas.Core.Contracts;

/// <summary>The REST paths, shared by paasd and the CLI so the two cannot drift apart.</summary>
public static class ApiRoutes
{
    public const string Prefix = "/api/v1";
    public const string Health = Prefix + "/health";
    public const string Apps = Prefix + "/apps";
    public const string Tokens = Prefix + "/tokens";
    public const string Events = Prefix + "/events";

    public static string App(string app) => $"{Apps}/{Uri.EscapeDataString(app)}";
    public static string Rename(string app) => App(app) + "/rename";
    public static string Lock(string app) => App(app) + "/lock";
    public static string Unlock(string app) => App(app) + "/unlock";
    public static string Config(string app) => App(app) + "/config";
    public static string ConfigKey(string app, string key) => Config(app) + "/" + Uri.EscapeDataString(key);
    public static string Domains(string app) => App(app) + "/domains";
    public static string Domain(string app, string domain) => Domains(app) + "/" + Uri.EscapeDataString(domain);
    public static string Ports(string app) => App(app) + "/ports";
    public static string Port(string app, string mapping) => Ports(app) + "/" + Uri.EscapeDataString(mapping);
    public static string Formation(string app) => App(app) + "/formation";
    public static string Limits(string app) => App(app) + "/limits";
    public static string Releases(string app) => App(app) + "/releases";
    public static string Token(string name) => $"{Tokens}/{Uri.EscapeDataString(name)}";
}
