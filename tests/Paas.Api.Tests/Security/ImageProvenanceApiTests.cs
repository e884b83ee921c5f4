using System.Net;
using System.Net.Http.Headers;
using Npgsql;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Security;

/// <summary>
/// Through paasd: an import may not take a stack's reference (before, `images:import --reference
/// stack/host` silently replaced the default stack and `stack/evil` joined stacks:list), a bad
/// reference is a 400 naming the field (it was a 500), and images:delete keeps what releases and
/// stacks use.
/// </summary>
[Collection(PaasdCollection.Name)]
public sealed class ImageProvenanceApiTests(PaasdFixture paasd)
{
    private static string UniqueStack() => "s" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Import_UnderAStackReference_Is409_AndTheStackIsUnchanged()
    {
        using var client = paasd.SocketClient();
        var (name, archive) = await StackArchiveAsync(client);
        var before = await FindImageAsync(client, $"stack/{name}");
        var evil = UniqueStack();

        var overwrite = await (await client.PostAsync(ApiRoutes.ImageImport($"stack/{name}"), Tar(archive))).ProblemAsync(HttpStatusCode.Conflict);
        var named = await (await client.PostAsync(ApiRoutes.ImageImport($"stack/{evil}"), Tar(archive))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains($"'stack/{name}' is reserved for stacks", overwrite.Detail());
        Assert.Contains($"'stack/{evil}' is reserved for stacks", named.Detail());
        Assert.Equal(before!.ManifestDigest, (await FindImageAsync(client, $"stack/{name}"))?.ManifestDigest);
        var stacks = await (await client.GetAsync(ApiRoutes.Stacks)).ReadAsync<List<StackView>>();
        Assert.DoesNotContain(stacks, s => s.Name == evil);
        Assert.Null(await FindImageAsync(client, $"stack/{evil}"));
    }

    [Fact]
    public async Task Import_OfAnArchiveThatNamesItselfAStack_Is409()
    {
        using var client = paasd.SocketClient();
        var (name, archive) = await StackArchiveAsync(client);
        var images = await ListImagesAsync(client);

        var problem = await (await client.PostAsync(ApiRoutes.ImageImport(null), Tar(archive))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains($"'stack/{name}' is reserved for stacks", problem.Detail());
        Assert.Equal(images, await ListImagesAsync(client));
    }

    [Theory]
    [InlineData("Bad Ref")]
    [InlineData("UPPER/case")]
    [InlineData("sha256:abc")]
    public async Task Import_WithAnInvalidReference_Is400_NamingTheField(string reference)
    {
        using var client = paasd.SocketClient();

        var problem = await (await client.PostAsync(ApiRoutes.ImageImport(reference), Tar("not read"u8.ToArray()))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("reference", out var errors), problem.ToString());
        Assert.Contains("invalid image reference", errors[0].GetString());
    }

    [Fact]
    public async Task Delete_OfAnImageARelease_Uses_Is409_AndTheImageStays()
    {
        using var client = paasd.SocketClient();
        var (name, archive) = await StackArchiveAsync(client);
        var reference = $"inuse/{name}:v1";
        var image = await (await client.PostAsync(ApiRoutes.ImageImport(reference), Tar(archive))).ReadAsync<ImageView>();
        var app = Api.UniqueApp();
        await client.CreateAppAsync(app);
        await InsertReleaseAsync(app, image.ManifestDigest);

        var problem = await (await client.DeleteAsync(ApiRoutes.Image(reference))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains($"used by release {app} v1", problem.Detail());
        Assert.NotNull(await FindImageAsync(client, reference));
    }

    [Fact]
    public async Task Delete_OfAStacksImage_Is409_AndTheStackStays()
    {
        using var client = paasd.SocketClient();
        var name = UniqueStack();
        await (await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(name, "host"))).ReadAsync<StackView>();

        var problem = await (await client.DeleteAsync(ApiRoutes.Image($"stack/{name}"))).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains($"paas stacks:delete {name}", problem.Detail());
        Assert.Contains(await (await client.GetAsync(ApiRoutes.Stacks)).ReadAsync<List<StackView>>(), s => s.Name == name);
    }

    [Fact]
    public async Task Delete_OfAnUnusedImage_RemovesIt_ThenIs404()
    {
        using var client = paasd.SocketClient();
        var (name, archive) = await StackArchiveAsync(client);
        var reference = $"unused/{name}:v1";
        await (await client.PostAsync(ApiRoutes.ImageImport(reference), Tar(archive))).ReadAsync<ImageView>();

        var deleted = await client.DeleteAsync(ApiRoutes.Image(reference));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await FindImageAsync(client, reference));
        Assert.NotNull(await FindImageAsync(client, $"stack/{name}")); // the layers it shared stay with the stack
        await (await client.DeleteAsync(ApiRoutes.Image(reference))).ProblemAsync(HttpStatusCode.NotFound);
        var bad = await (await client.DeleteAsync(ApiRoutes.Image("Bad Ref"))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("reference", out _));
    }

    /// <summary>A fresh host stack and its export: an archive that names itself stack/NAME.</summary>
    private static async Task<(string Name, byte[] Archive)> StackArchiveAsync(HttpClient client)
    {
        var name = UniqueStack();
        await (await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(name, "host"))).ReadAsync<StackView>();
        return (name, await client.GetByteArrayAsync(ApiRoutes.ImageExport($"stack/{name}")));
    }

    private static ByteArrayContent Tar(byte[] archive)
    {
        var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        return content;
    }

    private static async Task<List<string>> ListImagesAsync(HttpClient client) =>
        (await (await client.GetAsync(ApiRoutes.Images)).ReadAsync<List<ImageView>>()).Select(i => i.Reference).Order().ToList();

    private static async Task<ImageView?> FindImageAsync(HttpClient client, string reference) =>
        (await (await client.GetAsync(ApiRoutes.Images)).ReadAsync<List<ImageView>>()).SingleOrDefault(i => i.Reference == reference);

    private async Task InsertReleaseAsync(string app, string imageDigest)
    {
        await using var connection = new NpgsqlConnection(paasd.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            insert into releases (app_id, version, image_digest, config, process_types, description, created_by)
            select id, 1, @image, '{}', '{"web": "./web"}', 'Deploy', 'admin' from apps where name = @app
            """, connection);
        command.Parameters.AddWithValue("app", app);
        command.Parameters.AddWithValue("image", imageDigest);
        await command.ExecuteNonQueryAsync();
    }
}
