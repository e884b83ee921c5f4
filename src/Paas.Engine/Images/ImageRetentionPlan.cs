using System.Globalization;
using Paas.Core.Images;
using Paas.Core.Releases;
using Paas.Engine.Builds;

namespace Paas.Engine.Images;

/// <summary>
/// Which of an app's build images go: every image <c>app/ID:build-N</c> of the app except
/// <list type="bullet">
/// <item>the newest <c>retention</c> distinct images its releases use (a config change or a
/// rollback makes a release on an image it already has, so it does not push a build's image out),</item>
/// <item>the serving release's image, whatever its age,</item>
/// <item>any image a container uses (instances, one-off runs, cron runs),</item>
/// <item>the image of a build that has not finished (it has no release yet).</item>
/// </list>
/// Other references (stacks, imports) are never the app's to delete. For an app that is gone, every
/// image of it that no container uses goes.
/// </summary>
public static class ImageRetentionPlan
{
    public static IReadOnlyList<Image> Doomed(long appId, IReadOnlyList<Image> images, IReadOnlyList<Release> releases, int? serving,
        int retention, IReadOnlySet<string> usedByContainers, IReadOnlySet<long> unfinishedBuilds)
    {
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var digest in releases.OrderByDescending(r => r.Version).Select(r => r.ImageDigest).OfType<string>().Distinct().Take(retention))
            kept.Add(digest);
        if (releases.FirstOrDefault(r => r.Version == serving)?.ImageDigest is { } servingImage) kept.Add(servingImage);

        return images.Where(image =>
                BuildOf(appId, image.Reference) is { } build
                && !unfinishedBuilds.Contains(build)
                && !kept.Contains(image.ManifestDigest)
                && !usedByContainers.Contains(image.ManifestDigest)
                && !usedByContainers.Contains(image.Reference))
            .ToList();
    }

    /// <summary>The build id of <c>app/APPID:build-N</c> (see <see cref="BuildPipeline.ImageReferenceFor"/>), or null for any other reference.</summary>
    public static long? BuildOf(long appId, string reference)
    {
        var prefix = BuildPipeline.ImageReferenceFor(appId, 0)[..^1];
        return reference.StartsWith(prefix, StringComparison.Ordinal)
               && long.TryParse(reference.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var build)
            ? build
            : null;
    }

    /// <summary>The app id of any <c>app/APPID:...</c> reference, or null.</summary>
    public static long? AppOf(string reference)
    {
        const string prefix = "app/";
        if (!reference.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var colon = reference.IndexOf(':', prefix.Length);
        return colon > prefix.Length && long.TryParse(reference.AsSpan(prefix.Length, colon - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }
}
