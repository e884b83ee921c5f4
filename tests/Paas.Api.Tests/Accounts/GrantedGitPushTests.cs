using System.Net.Http.Json;
using Paas.Api.Tests.Git;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Accounts;

/// <summary>git over HTTPS follows the same grants as the API: apps:grant lets a developer push, apps:revoke stops them.</summary>
[Collection(PaasdCollection.Name)]
public sealed class GrantedGitPushTests(PaasdFixture paasd)
{
    private readonly GitHttp _git = new(paasd);

    [Fact]
    public async Task Push_IsRefused_UntilGranted_AndRefusedAgainAfterRevoke()
    {
        var app = await _git.CreateAppAsync();
        var (name, _) = await paasd.AddUserAsync();
        var token = await paasd.TokenForAsync(name);
        using var work = await GitWorkRepo.CreateAsync();
        await work.WriteAsync("README", "hello\n");
        await work.CommitAsync("first");
        using var admin = paasd.SocketClient();

        // A branch other than the deploy branch is stored without a build: the push itself is what is checked.
        var before = await work.GitAsync(["push", _git.Url(app, token), "main:feature"]);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await admin.PutAsJsonAsync(ApiRoutes.Grant(app, name), new { })).StatusCode);
        var granted = await work.GitAsync(["push", _git.Url(app, token), "main:feature"]);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await admin.DeleteAsync(ApiRoutes.Grant(app, name))).StatusCode);
        var revoked = await work.GitAsync(["push", _git.Url(app, token), "main:other"]);

        Assert.NotEqual(0, before.ExitCode);
        Assert.Contains("not found", before.StandardError);
        Assert.True(granted.ExitCode == 0, granted.StandardError);
        Assert.NotEqual(0, revoked.ExitCode);
        Assert.Contains("not found", revoked.StandardError);
    }
}
