using Paas.Testing;

namespace Paas.Builds.Tests.Support;

public static class FixtureFiles
{
    public const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>A fixture dir of this project (tests/Paas.Builds.Tests/Fixtures/...).</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([RepositoryRoot.Find(), "tests", "Paas.Builds.Tests", "Fixtures", .. parts]);
}
