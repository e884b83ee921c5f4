using System.Globalization;
using Yarp.ReverseProxy.Configuration;

namespace Paas.Proxy.Routing;

/// <summary>
/// What a request needs to know about the app its route belongs to, attached to the route's
/// endpoint once when YARP builds it (so nothing is parsed per request): the listener port the
/// route is for (<see cref="ListenPortMatcherPolicy"/>), the app for the access log, and the
/// https port to redirect to when the app asked for HTTP→HTTPS.
/// </summary>
internal sealed record AppEndpoint(long AppId, string App, int ListenPort, int? RedirectToHttpsPort)
{
    private const string AppIdKey = "paas.app-id";
    private const string AppKey = "paas.app";
    private const string ListenPortKey = "paas.listen-port";
    private const string RedirectKey = "paas.redirect-to-https-port";

    /// <summary>The route metadata YARP carries from <see cref="RouteConfig"/> to the endpoint.</summary>
    public IReadOnlyDictionary<string, string> ToMetadata()
    {
        var metadata = new Dictionary<string, string>
        {
            [AppIdKey] = AppId.ToString(CultureInfo.InvariantCulture),
            [AppKey] = App,
            [ListenPortKey] = ListenPort.ToString(CultureInfo.InvariantCulture),
        };
        if (RedirectToHttpsPort is { } port) metadata[RedirectKey] = port.ToString(CultureInfo.InvariantCulture);
        return metadata;
    }

    /// <summary>The app a route of ours belongs to; null for a route that is not ours.</summary>
    public static AppEndpoint? FromRoute(RouteConfig route)
    {
        if (route.Metadata is not { } m || !m.TryGetValue(AppIdKey, out var id) || !m.TryGetValue(ListenPortKey, out var port))
            return null;
        int? redirect = m.TryGetValue(RedirectKey, out var r) ? int.Parse(r, CultureInfo.InvariantCulture) : null;
        return new AppEndpoint(long.Parse(id, CultureInfo.InvariantCulture), m[AppKey], int.Parse(port, CultureInfo.InvariantCulture), redirect);
    }
}
