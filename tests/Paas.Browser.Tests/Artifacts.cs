namespace Paas.Browser.Tests;

/// <summary>
/// Where the tests leave what a person looks at afterwards: TestResults/screenshots beside the test
/// assembly, or under PAAS_TEST_RESULTS when the runner sets it.
/// </summary>
public static class Artifacts
{
    public static string Directory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("PAAS_TEST_RESULTS") is { Length: > 0 } results
                ? results
                : Path.Combine(AppContext.BaseDirectory, "TestResults");
            var directory = Path.Combine(root, "screenshots");
            System.IO.Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public static string Screenshot(string name) => Path.Combine(Directory, name + ".png");
}
