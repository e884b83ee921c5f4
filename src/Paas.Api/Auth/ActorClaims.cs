using System.Globalization;
using System.Security.Claims;
using Paas.Core.Auth;

namespace Paas.Api.Auth;

/// <summary>Carries the <see cref="Actor"/> through ASP.NET's principal.</summary>
public static class ActorClaims
{
    private const string UserId = "paas:user_id";
    private const string Via = "paas:via";

    public static IEnumerable<Claim> From(Actor actor) =>
    [
        new(UserId, actor.UserId.ToString(CultureInfo.InvariantCulture)),
        new(ClaimTypes.Name, actor.Name),
        new(ClaimTypes.Role, actor.Role.ToString()),
        new(Via, actor.Via),
    ];

    public static Actor ToActor(this ClaimsPrincipal principal) => new(
        long.Parse(principal.FindFirstValue(UserId)!, CultureInfo.InvariantCulture),
        principal.FindFirstValue(ClaimTypes.Name)!,
        Enum.Parse<Role>(principal.FindFirstValue(ClaimTypes.Role)!),
        principal.FindFirstValue(Via)!);
}
