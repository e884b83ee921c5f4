using System.Text.RegularExpressions;
using Paas.Core.Builds;

namespace Paas.Builds.Buildpacks;

/// <summary>
/// A buildpack URL as .buildpacks, BUILDPACK_URL and app.json give it: a git URL (https, http, git,
/// ssh, scp-like, or file:// of a repo inside the build container) with an optional <c>#ref</c>, or
/// a .tgz/.tar.gz/.tar URL. It is fetched inside the build container, never on the host; the checks
/// here keep the driver's arguments from being read as options and its plan lines intact.
/// </summary>
internal static partial class BuildpackUrl
{
    /// <summary>The URL and ref; throws <see cref="BuildFailedException"/> saying which entry of <paramref name="origin"/> is wrong.</summary>
    public static (string Url, string? Ref) Parse(string text, string origin)
    {
        var hash = text.LastIndexOf('#');
        var (url, gitRef) = hash < 0 ? (text, null) : (text[..hash], text[(hash + 1)..]);
        if (!UrlPattern().IsMatch(url))
            throw new BuildFailedException(
                $"buildpack '{text}' from {origin} is not a URL Paas can fetch: use a git URL with an optional #ref " +
                "(https://github.com/heroku/heroku-buildpack-nodejs.git#v250) or a .tgz URL");
        if (gitRef is not null && !RefPattern().IsMatch(gitRef))
            throw new BuildFailedException(
                $"buildpack '{text}' from {origin} has an invalid ref '{gitRef}': use a branch, tag or commit name (letters, digits, '.', '_', '-', '/')");
        return (url, gitRef);
    }

    [GeneratedRegex(@"^(?:(?:https?|git|ssh|file)://[^\s#'""\\\x00-\x1f\x7f]+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s#'""\\\x00-\x1f\x7f]+)\z")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}\z")]
    private static partial Regex RefPattern();
}
