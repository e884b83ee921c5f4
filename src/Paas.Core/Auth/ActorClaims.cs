using System.Globalization;
using System.Security.Claims;

namespace Paas.Core.Auth;

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
        long.Parse(principal.FindFirst(UserId)!.Value, CultureInfo.InvariantCulture),
        principal.FindFirst(ClaimTypes.Name)!.Value,
        Enum.Parse<Role>(principal.FindFirst(ClaimTypes.Role)!.Value),
        principal.FindFirst(Via)!.Value);
}
