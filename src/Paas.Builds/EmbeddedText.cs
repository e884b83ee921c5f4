namespace Paas.Builds;

/// <summary>Scripts shipped inside this assembly (the build driver, the slug's launcher).</summary>
internal static class EmbeddedText
{
    public static string Read(string relativeName)
    {
        var name = "Paas.Builds." + relativeName;
        using var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing from Paas.Builds");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
