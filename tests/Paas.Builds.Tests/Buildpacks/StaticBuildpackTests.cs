using System.Net;

namespace Paas.Builds.Tests.Buildpacks;

public sealed class StaticBuildpackTests
{
    [Fact]
    public async Task StaticApp_IsServedByNginx_WithContentTypesAndDirectoryIndexes()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("static-app");

        var compile = (await workspace.RunAsync("static", "compile")).Succeeded();
        var release = (await workspace.RunAsync("static", "release")).Succeeded();

        Assert.Contains("-----> Static site", compile);
        Assert.Equal("---\ndefault_process_types:\n  web: .nginx/start\n", release);
        using var app = await RunningApp.StartAsync(workspace, workspace.BuildDir, ProcessTypes.Web(workspace.BuildDir, release));
        var client = app.Client;

        using var index = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Hello from the static sample", await index.Content.ReadAsStringAsync());

        Assert.Equal("text/css", await ContentTypeAsync(client, "/css/site.css"));
        Assert.Equal("application/javascript", await ContentTypeAsync(client, "/app.js"));

        using var directory = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.MovedPermanently, directory.StatusCode);
        Assert.Equal("/docs/", directory.Headers.Location?.OriginalString);
        Assert.Contains("Static sample docs", await client.GetStringAsync("/docs/"));

        // The generated server files and other dotfiles are not part of the site.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/.nginx/nginx.conf.template")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/missing.html")).StatusCode);
        // Access log on stdout (written after the response, so waited for).
        await app.WaitForOutputAsync("\"GET /css/site.css HTTP/1.1\" 200");
    }

    [Fact]
    public async Task PublicDirectory_IsTheSiteRoot()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("static-app");
        var publicDir = Path.Combine(workspace.BuildDir, "public");
        Directory.CreateDirectory(publicDir);
        await File.WriteAllTextAsync(Path.Combine(publicDir, "index.html"), "<h1>public root</h1>\n");
        await Unprivileged.GiveAsync(publicDir);

        (await workspace.RunAsync("static", "compile")).Succeeded();
        var release = (await workspace.RunAsync("static", "release")).Succeeded();

        using var app = await RunningApp.StartAsync(workspace, workspace.BuildDir, ProcessTypes.Web(workspace.BuildDir, release));
        Assert.Equal("<h1>public root</h1>\n", await app.Client.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/css/site.css")).StatusCode);
    }

    [Fact]
    public async Task Compile_Fails_WhenStaticJsonsRootLeavesTheApp()
    {
        using var workspace = await BuildpackWorkspace.CreateAsync("static-app");
        await File.WriteAllTextAsync(Path.Combine(workspace.BuildDir, "static.json"), """{ "root": "../../etc" }""");

        var error = (await workspace.RunAsync("static", "compile")).FailedWithError();

        Assert.Contains("must be a path inside the app", error);
    }

    private static async Task<string?> ContentTypeAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Content.Headers.ContentType?.MediaType;
    }
}
