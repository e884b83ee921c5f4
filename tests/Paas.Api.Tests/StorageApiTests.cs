using System.Net;
using Paas.Api.Tests.Accounts;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>storage:mount|unmount|list over REST: only NAME:/path of the app's own volumes, one mount per container path.</summary>
[Collection(PaasdCollection.Name)]
public sealed class StorageApiTests(PaasdFixture paasd)
{
    [Fact]
    public async Task Mount_List_Unmount()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var mounted = await (await client.PostJsonAsync(ApiRoutes.Storage(app), new StorageRequest("uploads:/app/uploads"))).ReadAsync<List<StorageMountView>>();
        await (await client.PostJsonAsync(ApiRoutes.Storage(app), new StorageRequest("config:/app/config:ro"))).ReadAsync<List<StorageMountView>>();
        var listed = await (await client.GetAsync(ApiRoutes.Storage(app))).ReadAsync<List<StorageMountView>>();

        var uploads = Assert.Single(mounted);
        Assert.Equal(("uploads", "/app/uploads", false), (uploads.Name, uploads.ContainerPath, uploads.ReadOnly));
        Assert.Matches(@"/volumes/apps/\d+/uploads$", uploads.HostPath);
        Assert.Equal(["config:/app/config:ro", "uploads:/app/uploads"], listed.Select(m => m.ToString()));

        var left = await (await client.DeleteAsync(ApiRoutes.StorageMount(app, "uploads:/app/uploads"))).ReadAsync<List<StorageMountView>>();
        Assert.Equal(["config:/app/config:ro"], left.Select(m => m.ToString()));
        var again = await (await client.DeleteAsync(ApiRoutes.StorageMount(app, "uploads:/app/uploads"))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("is not set on app", again.Detail());
    }

    [Theory]
    [InlineData("/etc:/app/etc", "host paths are not accepted")]
    [InlineData("/var/lib/paas/volumes/apps/1/data:/data", "host paths are not accepted")]
    [InlineData("../1/data:/data", "host paths are not accepted")]
    [InlineData("data:relative/path", "must be absolute")]
    [InlineData("data:/proc/self", "reserved for the runtime")]
    [InlineData("data:/sys", "reserved for the runtime")]
    [InlineData("data:/dev/shm", "reserved for the runtime")]
    [InlineData("data:/", "would hide the whole image")]
    [InlineData("data:/app/../etc", "is not normalized")]
    [InlineData("data:/app/", "is not normalized")]
    [InlineData("Data:/data", "volume name 'Data' is invalid")]
    [InlineData("data", "has no container path")]
    [InlineData("", "no mount given")]
    public async Task BadMount_Is400_NamingTheField(string mount, string message)
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var problem = await (await client.PostJsonAsync(ApiRoutes.Storage(app), new StorageRequest(mount))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(message, Assert.Single(problem.GetProperty("errors").GetProperty("mount").EnumerateArray()).GetString());
        Assert.Empty(await (await client.GetAsync(ApiRoutes.Storage(app))).ReadAsync<List<StorageMountView>>());
    }

    [Fact]
    public async Task SecondMountAtOnePath_Is409()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);
        await (await client.PostJsonAsync(ApiRoutes.Storage(app), new StorageRequest("data:/data"))).ReadAsync<List<StorageMountView>>();

        var problem = await (await client.PostJsonAsync(ApiRoutes.Storage(app), new StorageRequest("other:/data:ro"))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("already mounts 'data:/data' at '/data'", problem.Detail());
    }

    [Fact]
    public async Task Rename_KeepsTheVolumes_AndDestroy_DeletesThem()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        var renamed = Api.UniqueApp();
        await client.CreateAppAsync(app);
        var volume = Assert.Single(await (await client.PostJsonAsync(ApiRoutes.Storage(app), new StorageRequest("data:/data"))).ReadAsync<List<StorageMountView>>());
        // As the first container of the app would leave it (containers make it on first use).
        Assert.StartsWith(Path.Combine(paasd.Root, "volumes", "apps") + "/", volume.HostPath);
        Directory.CreateDirectory(volume.HostPath);
        await File.WriteAllTextAsync(Path.Combine(volume.HostPath, "note"), "kept");

        (await client.PostJsonAsync(ApiRoutes.Rename(app), new RenameAppRequest(renamed))).EnsureSuccessStatusCode();
        var afterRename = Assert.Single(await (await client.GetAsync(ApiRoutes.Storage(renamed))).ReadAsync<List<StorageMountView>>());
        Assert.Equal(volume.HostPath, afterRename.HostPath);
        Assert.True(File.Exists(Path.Combine(volume.HostPath, "note")));
        var report = await (await client.GetAsync(ApiRoutes.App(renamed))).ReadAsync<AppReport>();
        Assert.Equal(["data:/data"], report.StorageMounts);
        Assert.True(report.DiskUsage!.VolumeBytes > 0);

        (await client.DeleteAsync(ApiRoutes.App(renamed))).EnsureSuccessStatusCode();
        Assert.False(Directory.Exists(Path.GetDirectoryName(volume.HostPath)));
    }

    [Fact]
    public async Task EnsureDirectory_MakesTheVolumesDir_OwnedByTheAppsUserNotHostRoot_AndRefusesBadNames()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);

        var dir = await (await client.PostJsonAsync(ApiRoutes.StorageDirectories(app), new EnsureStorageDirectoryRequest("uploads"))).ReadAsync<StorageDirectoryView>();
        var again = await (await client.PostJsonAsync(ApiRoutes.StorageDirectories(app), new EnsureStorageDirectoryRequest("uploads"))).ReadAsync<StorageDirectoryView>();
        var traversal = await (await client.PostJsonAsync(ApiRoutes.StorageDirectories(app), new EnsureStorageDirectoryRequest("../../etc"))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Matches(@"/volumes/apps/\d+/uploads$", dir.HostPath);
        Assert.Equal(dir, again);
        Assert.NotEqual(0u, dir.HostUid);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.HostPath));
        Assert.Contains("volume name '../../etc' is invalid", Assert.Single(traversal.GetProperty("errors").GetProperty("name").EnumerateArray()).GetString());
        (await client.DeleteAsync(ApiRoutes.App(app))).EnsureSuccessStatusCode();
        Assert.False(Directory.Exists(dir.HostPath));
    }

    [Fact]
    public async Task UnknownApp_Is404()
    {
        using var client = paasd.SocketClient();
        var app = Api.UniqueApp();

        await (await client.GetAsync(ApiRoutes.Storage(app))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync(ApiRoutes.Storage(app), new StorageRequest("data:/data"))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADeveloper_CannotMountOrSeeTheStorageOfAnAppNotGrantedToThem()
    {
        using var admin = paasd.SocketClient();
        var app = Api.UniqueApp();
        await admin.CreateAppAsync(app);
        await (await admin.PostJsonAsync(ApiRoutes.Storage(app), new StorageRequest("data:/data"))).ReadAsync<List<StorageMountView>>();
        var (user, _) = await paasd.AddUserAsync();
        using var developer = paasd.TcpClient(await paasd.TokenForAsync(user));

        await (await developer.GetAsync(ApiRoutes.Storage(app))).ProblemAsync(HttpStatusCode.NotFound);
        await (await developer.PostJsonAsync(ApiRoutes.Storage(app), new StorageRequest("data:/elsewhere"))).ProblemAsync(HttpStatusCode.NotFound);
        await (await developer.DeleteAsync(ApiRoutes.StorageMount(app, "data:/data"))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Single(await (await admin.GetAsync(ApiRoutes.Storage(app))).ReadAsync<List<StorageMountView>>());
    }
}
