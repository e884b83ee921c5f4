using System.Net;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Accounts;

/// <summary>Users made through the API the way an administrator makes them, each with a unique name.</summary>
internal static class Accounts
{
    public static string UniqueUser(string prefix = "u") => $"{prefix}{Guid.NewGuid():N}"[..16];

    /// <summary>A user with a known password, made on the unix socket (the administrator).</summary>
    public static async Task<(string Name, string Password)> AddUserAsync(this PaasdFixture paasd, string role = "developer")
    {
        var name = UniqueUser();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        using var admin = paasd.SocketClient();
        var response = await admin.PostJsonAsync(ApiRoutes.Users, new AddUserRequest(name, role, password));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (name, password);
    }

    /// <summary>A token of <paramref name="user"/>, created for them by the administrator (tokens:create --user).</summary>
    public static async Task<string> TokenForAsync(this PaasdFixture paasd, string user)
    {
        using var admin = paasd.SocketClient();
        var response = await admin.PostJsonAsync(ApiRoutes.Tokens, new CreateTokenRequest("t" + Guid.NewGuid().ToString("N")[..8], user));
        var created = await response.ReadAsync<CreatedToken>();
        Assert.Equal(user, created.User);
        return created.Token;
    }
}
