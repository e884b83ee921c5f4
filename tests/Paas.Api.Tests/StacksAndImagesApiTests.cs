using System.Net.Http.Json;
using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests;

/// <summary>Stacks and images through paasd: real files under the fixture's PAAS_ROOT.</summary>
[Collection(PaasdCollection.Name)]
public sealed class StacksAndImagesApiTests(PaasdFixture paasd)
{
    private static string UniqueStack() => "s" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task HostStack_IsCreatedListedAndCanBeTheDefault()
    {
        using var client = paasd.SocketClient();
        var name = UniqueStack();

        var created = await (await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(name, "host"))).ReadAsync<StackView>();
        Assert.Equal($"stack/{name}", created.ImageReference);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsync(ApiRoutes.DefaultStack,
            JsonContent.Create(new SetDefaultStackRequest(name), options: ApiJson.Options))).StatusCode);
        var stacks = await (await client.GetAsync(ApiRoutes.Stacks)).ReadAsync<List<StackView>>();
        Assert.True(stacks.Single(s => s.Name == name).IsDefault);
        Assert.Single(stacks, s => s.IsDefault);

        var problem = await (await client.DeleteAsync(ApiRoutes.Stack(name))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("default", problem.Detail());
    }

    [Fact]
    public async Task Stack_BadInput_IsRejectedWithTheRule()
    {
        using var client = paasd.SocketClient();
        var name = UniqueStack();
        await (await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(name, "host"))).ReadAsync<StackView>();

        var bad = await (await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest("Bad Name", "docker"))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(name, "host"))).ProblemAsync(HttpStatusCode.Conflict);
        await (await client.PutAsync(ApiRoutes.DefaultStack, JsonContent.Create(new SetDefaultStackRequest("nope"), options: ApiJson.Options)))
            .ProblemAsync(HttpStatusCode.NotFound);

        Assert.True(bad.GetProperty("errors").TryGetProperty("name", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("from", out _));
    }

    [Fact]
    public async Task ImageExport_IsAnOciArchive_ThatImportsBackToTheSameDigest()
    {
        using var client = paasd.SocketClient();
        var name = UniqueStack();
        await (await client.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(name, "host"))).ReadAsync<StackView>();
        var original = (await (await client.GetAsync(ApiRoutes.Images)).ReadAsync<List<ImageView>>()).Single(i => i.Reference == $"stack/{name}");

        var archive = await client.GetByteArrayAsync(ApiRoutes.ImageExport($"stack/{name}"));
        var entries = ReadTarNames(archive);
        Assert.Contains("oci-layout", entries);
        Assert.Contains("index.json", entries);
        Assert.Contains(entries, e => e.StartsWith("blobs/sha256/", StringComparison.Ordinal));

        var content = new ByteArrayContent(archive);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        var imported = await (await client.PostAsync(ApiRoutes.ImageImport($"copy/{name}:v1"), content)).ReadAsync<ImageView>();
        Assert.Equal(original.ManifestDigest, imported.ManifestDigest);
    }

    [Fact]
    public async Task ImageImport_OfGarbage_Is400_AndExportOfAnUnknownImageIs404()
    {
        using var client = paasd.SocketClient();
        var before = await (await client.GetAsync(ApiRoutes.Images)).ReadAsync<List<ImageView>>();

        await (await client.PostAsync(ApiRoutes.ImageImport("garbage:v1"), new ByteArrayContent("not a tar archive at all"u8.ToArray())))
            .ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync(ApiRoutes.ImageExport("no/such:image"))).ProblemAsync(HttpStatusCode.NotFound);

        var after = await (await client.GetAsync(ApiRoutes.Images)).ReadAsync<List<ImageView>>();
        Assert.Equal(before.Select(i => i.Reference).Order(), after.Select(i => i.Reference).Order());
    }

    [Fact]
    public async Task ImagesAndStacks_AreForAdministratorsOnly_NotAnonymous()
    {
        using var anonymous = paasd.TcpClient();

        await (await anonymous.GetAsync(ApiRoutes.Images)).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostJsonAsync(ApiRoutes.Stacks, new CreateStackRequest(UniqueStack(), "host"))).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static List<string> ReadTarNames(byte[] archive)
    {
        var names = new List<string>();
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
            names.Add(entry.Name.TrimStart('.', '/'));
        return names;
    }
}
