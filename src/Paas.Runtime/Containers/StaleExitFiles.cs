using Paas.Core.Containers;

namespace Paas.Runtime.Containers;

/// <summary>
/// Exit files in the shared exit dir (<see cref="RuntimePaths.Exits"/>) whose container is gone: a
/// crash between a delete's last two steps, or a conmon whose container dir was removed as an
/// orphan. Also conmon's temporary files (&lt;id&gt;.XXXXXX, renamed over &lt;id&gt; when complete)
/// that a crash left behind.
/// </summary>
internal static class StaleExitFiles
{
    /// <summary>Removes them; a container with a directory (even one still being created) keeps its file.</summary>
    public static void Remove(RuntimePaths paths)
    {
        if (!Directory.Exists(paths.Exits)) return;
        foreach (var file in Directory.EnumerateFiles(paths.Exits).ToList())
        {
            var name = Path.GetFileName(file);
            var id = name.Split('.')[0];
            if (!Directory.Exists(Path.Combine(paths.Containers, id))) File.Delete(file);
        }
    }
}
