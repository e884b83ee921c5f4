using Microsoft.AspNetCore.Components.Authorization;
using Paas.Core.Auth;

namespace Paas.Dashboard.Auth;

/// <summary>
/// The Engine's <see cref="Actor"/> for this circuit, from the principal the login cookie carried
/// (the same claims the API's handlers map with <see cref="ActorClaims.ToActor"/>).
/// </summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication)
{
    public async Task<Actor> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.ToActor();
    }

    public async Task<bool> IsAdminAsync() => (await GetAsync()).IsAdmin;
}
