
namespace Paas.Testing;

/// <summary>The sample apps of tests/apps, committed into a fresh work repo as a user would have them.</summary>
public static class SampleApps
{
    public static string Directory(string name) => Path.Combine(RepositoryRoot.Find(), "tests", "apps", name);

    /// <summary>The text every sample app answers GET / with.</summary>
    public static string Greeting(string name) => $"Hello from the {name.Replace("-app", "", StringComparison.Ordinal)} sample";

    public static async Task<GitWorkRepo> CheckOutAsync(string name)
    {
        var work = await GitWorkRepo.CreateAsync();
        try
        {
            var source = Directory(name);
            foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(source, file);
                var executable = (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
                await work.WriteAsync(relative, await File.ReadAllTextAsync(file), executable);
            }
            return work;
        }
        catch
        {
            work.Dispose();
            throw;
        }
    }
}
