using Ensemble.FrontDoor.Grpc;
using Ensemble.FrontDoor.Http;
using Ensemble.FrontDoor.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace Ensemble.Silo.Hosting;

/// <summary>
/// Builds the process that runs one silo: a plain host, or a web host (Kestrel on every address) serving the Orleans
/// Dashboard, the Open Inference Protocol's HTTP (with the web page) and gRPC APIs and the Prometheus metrics, each on its own port.
/// </summary>
public static class SiloHost
{
    public const string DashboardRoute = "/dashboard";
    public const string MetricsRoute = "/metrics";

    /// <param name="configureServices">Registrations after the silo's own (they win): tests swap in runners here.</param>
    public static IHost Build(SiloSettings settings, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.ServesHttp)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.UseEnsembleSilo(settings);
            configureServices?.Invoke(builder.Services);
            return builder.Build();
        }
        var web = WebApplication.CreateBuilder();
        web.WebHost.ConfigureKestrel(kestrel =>
        {
            if (settings.DashboardPort is { } dashboard)
                kestrel.ListenAnyIP(dashboard);
            if (settings.HttpPort != SiloSettings.Off)
                kestrel.ListenAnyIP(settings.HttpPort);
            if (settings.MetricsPort != SiloSettings.Off)
                kestrel.ListenAnyIP(settings.MetricsPort);
            // gRPC without TLS: HTTP/2 only, since there is no TLS handshake (ALPN) to agree on it.
            if (settings.GrpcPort != SiloSettings.Off)
                kestrel.ListenAnyIP(settings.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        web.UseEnsembleSilo(settings);
        configureServices?.Invoke(web.Services);
        var app = web.Build();
        if (settings.DashboardPort is { } port)
            app.MapOrleansDashboard(routePrefix: DashboardRoute).RequireHost($"*:{port}");
        if (settings.HttpPort != SiloSettings.Off)
        {
            app.MapOpenInferenceHttp().RequireHost($"*:{settings.HttpPort}");
            // The web page lives beside the API it calls; it links to whichever of the other ports are open.
            var links = new WebPageLinks(settings.MetricsPort == SiloSettings.Off ? null : settings.MetricsPort, MetricsRoute, settings.DashboardPort, DashboardRoute);
            app.MapEnsembleWebPage(links).RequireHost($"*:{settings.HttpPort}");
        }
        if (settings.MetricsPort != SiloSettings.Off)
            app.MapPrometheusScrapingEndpoint(MetricsRoute).RequireHost($"*:{settings.MetricsPort}");
        if (settings.GrpcPort != SiloSettings.Off)
            app.MapOpenInferenceGrpc().RequireHost($"*:{settings.GrpcPort}");
        return app;
    }
}
