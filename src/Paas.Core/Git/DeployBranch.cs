namespace Paas.Core.Git;

/// <summary>
/// Which branch of an app's repo builds: the setting <see cref="SettingKey"/> when set, else
/// <c>main</c>, or <c>master</c> when the repo has (or is getting) no <c>main</c> but a <c>master</c>,
/// as Dokku does. Branch names follow git's refname rules (git check-ref-format).
/// </summary>
public static class DeployBranch
{
    public const string SettingKey = "git.deploy-branch";
    public const string Default = "main";
    public const string Fallback = "master";
    public const int MaxLength = 255;

    /// <param name="setting">The app's setting, null when unset.</param>
    /// <param name="branches">The repo's branches before the push.</param>
    /// <param name="pushed">Branches the push creates or updates (not deletes).</param>
    public static string Resolve(string? setting, IEnumerable<string> branches, IEnumerable<string> pushed)
    {
        if (setting is not null) return setting;
        var all = branches.Concat(pushed).ToHashSet(StringComparer.Ordinal);
        return !all.Contains(Default) && all.Contains(Fallback) ? Fallback : Default;
    }

    /// <summary>Why <paramref name="name"/> is not a branch name git accepts, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        const string fix = "use letters, digits and '-', '_', '.', '/' (for example main or release/v2)";
        if (string.IsNullOrEmpty(name)) return "the branch name is empty: " + fix;
        string? why = null;
        if (name.Length > MaxLength) why = $"is longer than {MaxLength} characters";
        else if (name.StartsWith('-')) why = "starts with '-'";
        else if (name == "@" || name == "HEAD") why = "is reserved by git";
        else if (name.Contains("..")) why = "contains '..'";
        else if (name.Contains("@{")) why = "contains '@{'";
        else if (name.Contains("//")) why = "contains '//'";
        else if (name.StartsWith('/') || name.EndsWith('/')) why = "starts or ends with '/'";
        else if (name.EndsWith('.')) why = "ends with '.'";
        else if (name.Any(c => c < 0x20 || c == 0x7f || c == ' ' || "~^:?*[\\".Contains(c))) why = "contains a space, a control character or one of ~ ^ : ? * [ \\";
        else if (name.Split('/').Any(part => part.StartsWith('.') || part.EndsWith(".lock", StringComparison.Ordinal)))
            why = "has a part that starts with '.' or ends with '.lock'";
        return why is null ? null : $"'{name}' is not a valid branch name: it {why}; {fix}";
    }
}
