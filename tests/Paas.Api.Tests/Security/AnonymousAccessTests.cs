using System.Net;
using System.Text.RegularExpressions;
using Paas.Core.Contracts;
using Paas.Testing;

namespace Paas.Api.Tests.Security;

/// <summary>
/// Every endpoint paasd maps (as its EndpointDataSource lists them, dashboard pages included) is called anonymously
/// over TCP with its route parameters filled in, and must refuse: 401 for API, git and auth routes, a redirect to
/// /login for pages. Only the routes in <see cref="Public"/> may answer; an endpoint added later without a guard
/// makes this test fail.
/// </summary>
[Collection(PaasdCollection.Name)]
public sealed partial class AnonymousAccessTests(PaasdFixture paasd)
{
    /// <summary>Routes that answer anonymous callers by design, each with the reason.</summary>
    private static readonly Dictionary<string, string> Public = new(StringComparer.Ordinal)
    {
        [ApiRoutes.Health] = "probed by load balancers and the install script; says only whether paasd and its database answer",
        [ApiRoutes.Login] = "where one logs in",
        [ApiRoutes.Logout] = "ends the caller's own login; for an anonymous caller it does nothing",
        [ApiRoutes.LoginPage] = "the dashboard's login page",
        ["/openapi/{documentName}.json"] = "the API's description (routes and schemas), no data",
    };

    [Fact]
    public async Task EveryEndpoint_RefusesAnonymousCallers_ExceptTheAllowList()
    {
        var endpoints = await ListEndpointsAsync();
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = paasd.BaseUrl };
        var failures = new List<string>();
        var called = 0;

        foreach (var endpoint in endpoints)
        {
            if (Public.ContainsKey(endpoint.Pattern) || IsFrameworkOrStaticAsset(endpoint.Pattern)) continue;
            var path = Fill(endpoint.Pattern);
            // As git asks: without the service the route refuses the request before looking at credentials.
            if (path.EndsWith("/info/refs", StringComparison.Ordinal)) path += "?service=git-upload-pack";
            foreach (var method in endpoint.Methods.Count == 0 ? ["GET"] : endpoint.Methods)
            {
                using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
                called++;
                if (!IsRefusal(endpoint.Pattern, response))
                    failures.Add($"{method} {path} ({endpoint.Pattern}) answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, "endpoints answering anonymous callers:\n" + string.Join("\n", failures));
        // Not vacuous: the API's routes were among those called.
        Assert.Contains(endpoints, e => e.Pattern == ApiRoutes.Apps);
        Assert.Contains(endpoints, e => e.Pattern == ApiRoutes.Users);
        Assert.True(called > 80, $"only {called} calls made");
    }

    [Fact]
    public async Task TheEndpointList_IsServedOnTheUnixSocketOnly()
    {
        using var tcp = paasd.TcpClient(await paasd.CreateTokenAsync());

        var response = await tcp.GetAsync(ApiRoutes.InternalEndpoints);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>API, git and auth routes answer 401; anything else is a page and sends the browser to the login page.</summary>
    private static bool IsRefusal(string pattern, HttpResponseMessage response)
    {
        var isApi = pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern.StartsWith("/git/", StringComparison.Ordinal)
            || pattern.StartsWith("/auth/", StringComparison.Ordinal);
        if (response.StatusCode == HttpStatusCode.Unauthorized) return true;
        return !isApi && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found
            && response.Headers.Location is { } location
            && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]) == ApiRoutes.LoginPage;
    }

    /// <summary>Blazor's own framework routes and files served as they are (scripts, styles, fonts, images).</summary>
    private static bool IsFrameworkOrStaticAsset(string pattern) =>
        pattern.StartsWith("/_framework/", StringComparison.Ordinal) || pattern.StartsWith("/_content/", StringComparison.Ordinal)
        || pattern.StartsWith("/_blazor", StringComparison.Ordinal)
        || (!pattern.StartsWith("/api/", StringComparison.Ordinal) && !pattern.StartsWith("/git/", StringComparison.Ordinal)
            && StaticFile().IsMatch(pattern));

    /// <summary>Route parameters filled by their constraint: numbers for :long/:int, a valid name otherwise.</summary>
    private static string Fill(string pattern) =>
        Parameter().Replace(pattern, m =>
        {
            var constraints = m.Groups["constraints"].Value;
            if (m.Groups["catchAll"].Length > 0) return "anon/probe";
            if (constraints.Contains("long", StringComparison.Ordinal) || constraints.Contains("int", StringComparison.Ordinal)) return "1";
            if (constraints.Contains("bool", StringComparison.Ordinal)) return "true";
            if (constraints.Contains("guid", StringComparison.Ordinal)) return Guid.Empty.ToString();
            return "anon-probe";
        });

    private async Task<IReadOnlyList<EndpointView>> ListEndpointsAsync()
    {
        using var socket = paasd.SocketClient();
        return await (await socket.GetAsync(ApiRoutes.InternalEndpoints)).ReadAsync<List<EndpointView>>();
    }

    private sealed record EndpointView(string Pattern, List<string> Methods, string? DisplayName);

    [GeneratedRegex(@"\{(?<catchAll>\*{1,2})?(?<name>[A-Za-z_][A-Za-z0-9_]*)(?<constraints>(:[^{}=?]+)*)(=[^{}]*)?\??\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"/[^/{}]+\.(css|js|mjs|map|json|ico|png|svg|jpg|webp|woff2?|ttf|txt|html|wasm|br|gz)$")]
    private static partial Regex StaticFile();
}
