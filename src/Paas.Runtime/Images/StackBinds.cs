using Paas.Core.Images;

namespace Paas.Runtime.Images;

/// <summary>The <see cref="ImageLabels.StackBinds"/> label: comma-separated absolute paths, bound read-only at the same place.</summary>
internal static class StackBinds
{
    public static string Format(IEnumerable<string> paths) => string.Join(',', paths);

    public static IReadOnlyList<BindMount> Parse(string label)
    {
        var binds = new List<BindMount>();
        foreach (var path in label.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!path.StartsWith('/') || path.Split('/').Any(p => p is ".." or ".") || path == "/")
            {
                throw new InvalidImageException(
                    $"label {ImageLabels.StackBinds} lists '{path}': each entry must be an absolute path below / without '.' or '..'");
            }

            binds.Add(new BindMount(path, path, ReadOnly: true));
        }

        return binds;
    }
}
