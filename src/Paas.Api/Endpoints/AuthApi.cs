using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Users;

namespace Paas.Api.Endpoints;

/// <summary>
/// Cookie login for the dashboard's form (antiforgery-checked, answered with redirects) and for scripts sending JSON
/// (answered with 204, or problem+json 401/429).
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("").WithTags("Login");
        api.MapPost(ApiRoutes.Login, Login).WithName("Login").WithSummary("log in: form (username, password, returnUrl) or JSON");
        api.MapPost(ApiRoutes.Logout, Logout).WithName("Logout").WithSummary("log out: form or JSON");
        api.MapGet(ApiRoutes.Me, Me).RequireAuthorization().WithName("Me").WithSummary("who is logged in");
        return routes;
    }

    public static async Task<IResult> Login(HttpContext context, LoginOperations logins, IAntiforgery antiforgery, TimeProvider time, CancellationToken ct)
    {
        var isForm = context.Request.HasFormContentType;
        string username, password, returnUrl = "/";
        if (isForm)
        {
            if (await AntiforgeryProblemAsync(context, antiforgery) is { } refused) return refused;
            var form = await context.Request.ReadFormAsync(ct);
            username = form["username"].ToString();
            password = form["password"].ToString();
            returnUrl = LocalOrRoot(form["returnUrl"].ToString());
        }
        else if (context.Request.HasJsonContentType())
        {
            LoginRequest? request;
            try
            {
                request = await context.Request.ReadFromJsonAsync<LoginRequest>(ApiJson.Options, ct);
            }
            catch (JsonException e)
            {
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", $"the request body is not valid: {e.Message}");
            }
            if (request is null || request.Username is null || request.Password is null)
                return Problem(StatusCodes.Status400BadRequest, "Invalid request", "send {\"username\": \"...\", \"password\": \"...\"}");
            (username, password) = (request.Username, request.Password);
        }
        else
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "send a form (application/x-www-form-urlencoded) or JSON {\"username\": \"...\", \"password\": \"...\"}");
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "local";
        var outcome = await logins.LoginAsync(username, password, address, ct);
        var now = time.GetUtcNow();
        if (outcome.Succeeded)
        {
            await LoginCookie.SignInAsync(context, outcome.Actor!, outcome.SecurityStamp!, now);
            return isForm ? Results.Redirect(returnUrl) : Results.NoContent();
        }

        var retrySeconds = outcome.RetryAt is { } at ? Math.Max(1, (int)Math.Ceiling((at - now).TotalSeconds)) : 0;
        if (isForm)
        {
            var query = new Dictionary<string, string?> { ["error"] = outcome.Throttled ? "throttled" : "invalid", ["returnUrl"] = returnUrl };
            if (outcome.Throttled) query["retryAfter"] = retrySeconds.ToString(CultureInfo.InvariantCulture);
            return Results.Redirect(ApiRoutes.LoginPage + QueryString.Create(query));
        }
        if (outcome.Throttled)
        {
            context.Response.Headers.RetryAfter = retrySeconds.ToString(CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, "Too many failed logins",
                $"too many failed logins: try again in {retrySeconds} seconds (after {outcome.RetryAt:HH:mm:ss} UTC)");
        }
        return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "the user name or password is wrong");
    }

    /// <summary>Ends the login. A form post must carry the antiforgery token (unless nobody is logged in, when there is nothing to end).</summary>
    public static async Task<IResult> Logout(HttpContext context, LoginOperations logins, IAntiforgery antiforgery, ClaimsPrincipal user, CancellationToken ct)
    {
        var isForm = context.Request.HasFormContentType;
        var loggedIn = user.Identity is { IsAuthenticated: true, AuthenticationType: PaasSchemes.Cookie };
        if (isForm && loggedIn && await AntiforgeryProblemAsync(context, antiforgery) is { } refused) return refused;
        if (loggedIn)
        {
            await context.SignOutAsync(PaasSchemes.Cookie);
            await logins.LogoutAsync(user.ToActor(), ct);
        }
        return isForm ? Results.Redirect(ApiRoutes.LoginPage) : Results.NoContent();
    }

    public static Ok<MeView> Me(ClaimsPrincipal user)
    {
        var actor = user.ToActor();
        return TypedResults.Ok(new MeView(actor.Name, UserOperations.RoleText(actor.Role)));
    }

    /// <summary>Only a path on this host: an absolute URL or `//host` would send the user elsewhere after logging in.</summary>
    public static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl)
            ? url
            : "/";

    private static async Task<IResult?> AntiforgeryProblemAsync(HttpContext context, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(context);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Antiforgery token missing or invalid",
                "the form did not carry a valid antiforgery token: reload the page and submit it again");
        }
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
