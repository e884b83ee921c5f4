using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Paas.Proxy.Routing;

/// <summary>
/// Keeps a route to the listener port it was mapped on: an app mapped on :80 only is not served
/// on :8080, even for its own host name. ASP.NET's host matching looks at the Host header's port,
/// which the client chooses; this looks at the port the connection really arrived on.
/// </summary>
internal sealed class ListenPortMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    // After host matching (HostMatcherPolicy is -100): fewer candidates are left by then.
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
            if (endpoint.Metadata.GetMetadata<AppEndpoint>() is not null) return true;
        return false;
    }

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var port = httpContext.Connection.LocalPort;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i)) continue;
            if (candidates[i].Endpoint.Metadata.GetMetadata<AppEndpoint>() is { } app && app.ListenPort != port)
                candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }
}
