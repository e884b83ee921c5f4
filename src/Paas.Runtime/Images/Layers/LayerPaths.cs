using Paas.Core.Images;

namespace Paas.Runtime.Images.Layers;

/// <summary>Entry names of layer tars, made relative and checked to stay inside the layer.</summary>
internal static class LayerPaths
{
    /// <summary>"./a//b/" → "a/b"; "" for the layer root; rejects ".." so nothing lands outside the layer dir.</summary>
    public static string Normalize(string name)
    {
        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Contains(".."))
        {
            throw new InvalidImageException($"layer entry '{name}' contains '..'");
        }

        return string.Join('/', parts);
    }
}
