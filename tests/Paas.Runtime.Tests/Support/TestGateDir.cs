namespace Paas.Runtime.Tests.Support;

/// <summary>A fresh host dir under the runtime's allowed volume root, removed at dispose.</summary>
public sealed class TestGateDir : IDisposable
{
    public TestGateDir(ContainerHost host) =>
        Path = Directory.CreateDirectory(System.IO.Path.Combine(host.AllowedDir, Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
