namespace Paas.Dashboard.Apps;

/// <summary>The git remote for an app on this paasd: HTTPS push to <c>/git/APP.git</c> on the host the browser reached.</summary>
public static class GitRemote
{
    public static string Url(string baseUri, string app) => $"{baseUri.TrimEnd('/')}/git/{app}.git";

    public static string AddCommand(string baseUri, string app) => $"git remote add paas {Url(baseUri, app)}";
}
