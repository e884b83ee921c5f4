namespace Paas.Builds.Buildpacks;

/// <summary>
/// The official Heroku and Dokku buildpacks apps name in .buildpacks, BUILDPACK_URL or app.json,
/// and the built-in that does the same job here. A GitHub URL is still cloned first (the real
/// buildpack runs where GitHub is reachable); the built-in steps in, with a notice, when it cannot
/// be. Heroku's registry shorthands (<c>heroku/nodejs</c>) cannot be cloned at all and always map.
/// </summary>
internal static class WellKnownBuildpacks
{
    private static readonly Dictionary<string, string> ByRepository = new(StringComparer.OrdinalIgnoreCase)
    {
        ["heroku/heroku-buildpack-nodejs"] = "nodejs",
        ["heroku/heroku-buildpack-python"] = "python",
        ["heroku/heroku-buildpack-go"] = "go",
        ["heroku/heroku-buildpack-static"] = "static",
        ["dokku/buildpack-nginx"] = "static",
        ["dokku/heroku-buildpack-nginx"] = "static",
        // Its first home, which GitHub redirects to Dokku's; Dokku's own static test app names it.
        ["progrium/buildpack-nginx"] = "static",
        ["heroku/heroku-buildpack-null"] = "null",
        ["ryandotsmith/null-buildpack"] = "null",
        ["dokku/buildpack-null"] = "null",
        ["heroku/procfile-buildpack"] = "procfile",
        ["heroku/heroku-buildpack-apt"] = "apt",
        // The original, which GitHub redirects to Heroku's; older Dokku guides still name it.
        ["ddollar/heroku-buildpack-apt"] = "apt",
    };

    private static readonly Dictionary<string, string> ByShorthand = new(StringComparer.OrdinalIgnoreCase)
    {
        ["heroku/nodejs"] = "nodejs",
        ["heroku/python"] = "python",
        ["heroku/go"] = "go",
        ["heroku/static"] = "static",
        ["heroku/procfile"] = "procfile",
        ["heroku-community/apt"] = "apt",
    };

    /// <summary>The built-in name for a GitHub URL of an official buildpack (any ref), or null.</summary>
    public static string? EquivalentOf(string url)
    {
        const string github = "https://github.com/";
        if (!url.StartsWith(github, StringComparison.OrdinalIgnoreCase)) return null;
        var repository = url[github.Length..].TrimEnd('/');
        if (repository.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) repository = repository[..^4];
        return ByRepository.GetValueOrDefault(repository);
    }

    /// <summary>The built-in name for a Heroku registry shorthand such as heroku/nodejs, or null.</summary>
    public static string? ShorthandOf(string text) => ByShorthand.GetValueOrDefault(text);
}
