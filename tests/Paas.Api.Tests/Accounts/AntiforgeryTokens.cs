using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Paas.Api.Tests.Accounts;

/// <summary>
/// The antiforgery cookie and form field the dashboard's login page would hand out (its &lt;AntiforgeryToken/&gt;), made
/// with paasd's own data-protection keys under $PAAS_ROOT/keys, so the login form can be posted without the dashboard.
/// </summary>
internal static class AntiforgeryTokens
{
    public sealed record Issued(string CookieName, string CookieValue, string FormFieldName, string FormValue);

    public static Issued Issue(string paasRoot) => Issue(paasRoot, new ClaimsPrincipal(new ClaimsIdentity()));

    /// <summary>For a logged-in user: paasd's login cookie names the user id as NameIdentifier, which the token is bound to.</summary>
    public static Issued IssueFor(string paasRoot, long userId) =>
        Issue(paasRoot, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId.ToString(System.Globalization.CultureInfo.InvariantCulture))], "Cookies")));

    private static Issued Issue(string paasRoot, ClaimsPrincipal user)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("paasd").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(paasRoot, "keys")));
        services.AddAntiforgery();
        using var provider = services.BuildServiceProvider();
        var tokens = provider.GetRequiredService<IAntiforgery>().GetAndStoreTokens(new DefaultHttpContext { RequestServices = provider, User = user });
        var options = provider.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;
        return new Issued(options.Cookie.Name!, tokens.CookieToken!, tokens.FormFieldName, tokens.RequestToken!);
    }
}
