using Paas.Core.Auth;
using Hangfire.Dashboard;
using Paas.Api.Auth;

namespace Paas.Host.Jobs;

/// <summary>
/// Hangfire's dashboard at /hangfire is for administrators: the caller authenticated like any API
/// caller (the unix socket's local administrator, or an admin's bearer token) and holding the admin role.
/// </summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => IsAdmin(context.GetHttpContext().User);

    public static bool IsAdmin(System.Security.Claims.ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.ToActor().IsAdmin;
}
