using Paas.Core.Storage;

namespace Paas.Core.Tests.Storage;

public sealed class StorageMountTests
{
    [Theory]
    [InlineData("uploads:/app/uploads", "uploads", "/app/uploads", false)]
    [InlineData("db.v2_x-1:/var/lib/db:ro", "db.v2_x-1", "/var/lib/db", true)]
    [InlineData("0:/data", "0", "/data", false)]
    [InlineData("data:/procfs", "data", "/procfs", false)]
    public void ValidMounts_Parse(string text, string name, string path, bool readOnly)
    {
        Assert.Null(StorageMount.TryParse(text, out var mount));
        Assert.Equal(new StorageMount(name, path, readOnly), mount);
        Assert.Equal(text, mount.ToString());
    }

    [Theory]
    [InlineData("/var/lib/dokku/data/storage/app:/app/storage", "host paths are not accepted")]
    [InlineData("./data:/data", "host paths are not accepted")]
    [InlineData("a/b:/data", "host paths are not accepted")]
    [InlineData("..:/data", "host paths are not accepted")]
    [InlineData("-data:/data", "volume name '-data' is invalid")]
    [InlineData(":/data", "volume name '' is invalid")]
    [InlineData("data:/a:b", "no NUL or ':'")]
    [InlineData("data:/a//b", "not normalized")]
    [InlineData("data:/a/./b", "not normalized")]
    [InlineData("data:/dev", "reserved for the runtime")]
    [InlineData("data:/sys/fs/cgroup", "reserved for the runtime")]
    [InlineData("data:", "must be absolute")]
    [InlineData("data:ro", "has no container path")]
    public void InvalidMounts_SayWhy(string text, string message)
    {
        Assert.Contains(message, StorageMount.TryParse(text, out _));
    }

    [Fact]
    public void ALongName_IsRefused()
    {
        Assert.Null(StorageMount.NameProblem(new string('a', 63)));
        Assert.NotNull(StorageMount.NameProblem(new string('a', 64)));
    }
}
