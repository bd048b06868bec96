namespace Ensemble.FrontDoor.Web;

/// <summary>The silo's other ports the web page links to: each null when the silo does not serve it. The page learns
/// them from <c>/ui/config.json</c>, since they are the silo's settings and not the HTTP port's. <paramref name="Scheme"/>:
/// what those ports speak ("http", or "https" with TLS).</summary>
public sealed record WebPageLinks(string Scheme, int? MetricsPort, string MetricsPath, int? DashboardPort, string DashboardPath)
{
    /// <summary>The link's address on the host name the browser used to reach the page (so it works from another machine).</summary>
    internal string? At(string host, int? port, string path) => port is { } p ? $"{Scheme}://{host}:{p}{path}" : null;
}
