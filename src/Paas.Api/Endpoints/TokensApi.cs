using Paas.Core.Auth;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Paas.Api.Auth;
using Paas.Core.Contracts;
using Paas.Engine.Tokens;

namespace Paas.Api.Endpoints;

public static class TokensApi
{
    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup(ApiRoutes.Tokens).WithTags("Tokens");
        api.MapGet("", ListTokens).WithName("ListTokens").WithSummary("tokens:list");
        api.MapPost("", CreateToken).WithName("CreateToken").WithSummary("tokens:create");
        api.MapDelete("/{name}", RevokeToken).WithName("RevokeToken").WithSummary("tokens:revoke");
        return api;
    }

    public static async Task<Ok<IReadOnlyList<TokenView>>> ListTokens(ClaimsPrincipal user, TokenOperations tokens, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(user.ToActor(), ct));

    public static async Task<Created<CreatedToken>> CreateToken(CreateTokenRequest request, ClaimsPrincipal user, TokenOperations tokens, CancellationToken ct)
    {
        var token = await tokens.CreateAsync(user.ToActor(), request.Name, ct, request.User);
        return TypedResults.Created(ApiRoutes.Token(token.Name), token);
    }

    public static async Task<NoContent> RevokeToken(string name, ClaimsPrincipal user, TokenOperations tokens, CancellationToken ct)
    {
        await tokens.RevokeAsync(user.ToActor(), name, ct);
        return TypedResults.NoContent();
    }
}
