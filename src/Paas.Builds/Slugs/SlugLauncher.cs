using System.Text;
using Paas.Core.Builds;
using Paas.Core.Config;

namespace Paas.Builds.Slugs;

/// <summary>
/// The files the slug layer carries beside /app, in /paas (root's, read-only to the app):
/// <c>start TYPE</c> runs a process type, <c>exec CMD...</c> runs a command, both after
/// <c>profile.sh</c> (HOME=/app, cd /app, release config_vars, /etc/profile.d, .profile.d,
/// .profile); <c>Procfile</c> holds the image's process types, <c>config_vars.sh</c> the last
/// buildpack's config_vars as defaults. Kept out of /app so the app's own tree stays as built.
/// </summary>
internal static class SlugLauncher
{
    public const string Directory = "/paas";
    public const string Start = AppImage.Start;
    public const string Exec = AppImage.Exec;

    private static readonly string[] Scripts = ["start", "exec", "profile.sh"];

    public static void Write(string launcherDir, IReadOnlyDictionary<string, string> processTypes, IReadOnlyDictionary<string, string> configVars)
    {
        foreach (var script in Scripts)
            WriteFile(launcherDir, script, EmbeddedText.Read("Slugs.Launcher." + script), executable: script != "profile.sh");
        WriteFile(launcherDir, "Procfile", string.Concat(processTypes.Select(p => $"{p.Key}: {p.Value}\n")), executable: false);
        if (configVars.Count > 0) WriteFile(launcherDir, "config_vars.sh", ConfigVarsScript(configVars), executable: false);
    }

    /// <summary>Each var only when the environment (the app's config) does not set it already.</summary>
    private static string ConfigVarsScript(IReadOnlyDictionary<string, string> configVars)
    {
        var script = new StringBuilder("# config_vars of the last buildpack's bin/release: defaults under the app's config\n");
        foreach (var (key, value) in configVars.Where(v => ConfigKey.IsValid(v.Key)))
            script.Append($"if [[ -z \"${{{key}+set}}\" ]]; then export {key}='{value.Replace("'", "'\\''")}'; fi\n");
        return script.ToString();
    }

    private static void WriteFile(string dir, string name, string content, bool executable)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (executable) mode |= UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(path, mode);
    }
}
