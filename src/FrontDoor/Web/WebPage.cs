using System.Reflection;
using Ensemble.FrontDoor.Http.Json;
using Ensemble.FrontDoor.OpenInference;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Ensemble.FrontDoor.Web;

/// <summary>
/// A single page on the inference HTTP port: drop a WAV, see its top tags and the request's latency waterfall. Its
/// three files are resources of this assembly (nothing on disk to deploy, nothing fetched from elsewhere); the page
/// calls the protocol's own <c>/v2/models/ensemble/infer</c>, so it shows exactly what any client gets.
/// </summary>
public static class WebPage
{
    public const string Route = "/ui";
    public const string ConfigRoute = Route + "/config.json";

    private static readonly (string Name, string ContentType)[] Assets =
    [
        ("index.html", "text/html; charset=utf-8"),
        ("page.css", "text/css; charset=utf-8"),
        ("page.js", "text/javascript; charset=utf-8"),
    ];

    /// <summary>Maps <c>/</c>, <c>/ui</c>, its assets and config on <paramref name="routes"/>; the caller restricts the group to its port.</summary>
    public static RouteGroupBuilder MapEnsembleWebPage(this IEndpointRouteBuilder routes, WebPageLinks links)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(links);
        var files = Assets.ToDictionary(a => a.Name, a => (Bytes: Read(a.Name), a.ContentType), StringComparer.Ordinal);
        var group = routes.MapGroup("");
        var index = files["index.html"];
        group.MapGet("/", () => Results.Bytes(index.Bytes, index.ContentType));
        group.MapGet(Route, () => Results.Bytes(index.Bytes, index.ContentType));
        foreach (var (name, file) in files)
            group.MapGet($"{Route}/{name}", () => Results.Bytes(file.Bytes, file.ContentType));
        group.MapGet(ConfigRoute, (HttpContext context) =>
        {
            // An HTTP/1.0 request may come without a Host header: then the links name this machine.
            var host = context.Request.Host.HasValue ? context.Request.Host.Host : "localhost";
            return Results.Json(new WebPageConfigBody(InferenceModel.Name, $"/v2/models/{InferenceModel.Name}/infer",
                links.At(host, links.MetricsPort, links.MetricsPath), links.At(host, links.DashboardPort, links.DashboardPath)), OipJson.Options);
        });
        return group;
    }

    private static byte[] Read(string name)
    {
        var resource = $"{typeof(WebPage).Namespace}.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the web page's resource {resource} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
