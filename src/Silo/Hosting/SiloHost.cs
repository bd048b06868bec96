using Ensemble.FrontDoor.Grpc;
using Ensemble.FrontDoor.Http;
using Ensemble.FrontDoor.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Ensemble.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace Ensemble.Silo.Hosting;

/// <summary>
/// Builds the process that runs one silo: a plain host, or a web host (Kestrel on every address) serving the Orleans
/// Dashboard, the Open Inference Protocol's HTTP (with the web page) and gRPC APIs and the Prometheus metrics, each on
/// its own port (HTTPS with the silo's certificate when <see cref="SiloSettings.Tls"/> is set).
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
                kestrel.ListenAnyIP(dashboard, listen => HttpsWhenConfigured(listen, settings.Tls));
            if (settings.HttpPort != SiloSettings.Off)
                kestrel.ListenAnyIP(settings.HttpPort, listen => HttpsWhenConfigured(listen, settings.Tls));
            if (settings.MetricsPort != SiloSettings.Off)
                kestrel.ListenAnyIP(settings.MetricsPort, listen => HttpsWhenConfigured(listen, settings.Tls));
            // gRPC is HTTP/2 only: without TLS there is no handshake (ALPN) to agree on it, with TLS ALPN offers h2 alone.
            if (settings.GrpcPort != SiloSettings.Off)
                kestrel.ListenAnyIP(settings.GrpcPort, listen =>
                {
                    listen.Protocols = HttpProtocols.Http2;
                    HttpsWhenConfigured(listen, settings.Tls);
                });
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
            var links = new WebPageLinks(settings.WebScheme, settings.MetricsPort == SiloSettings.Off ? null : settings.MetricsPort, MetricsRoute, settings.DashboardPort, DashboardRoute);
            app.MapEnsembleWebPage(links).RequireHost($"*:{settings.HttpPort}");
        }
        if (settings.MetricsPort != SiloSettings.Off)
            app.MapPrometheusScrapingEndpoint(MetricsRoute).RequireHost($"*:{settings.MetricsPort}");
        if (settings.GrpcPort != SiloSettings.Off)
            app.MapOpenInferenceGrpc().RequireHost($"*:{settings.GrpcPort}");
        return app;
    }

    /// <summary>
    /// HTTPS with the silo's certificate when TLS is configured. Client certificates are optional here (as Triton's
    /// ssl client auth is): a platform usually terminates mutual TLS at its ingress, and HTTP callers have no Orleans
    /// identity; a certificate a client does present must chain to the authority, else the handshake fails.
    /// </summary>
    private static void HttpsWhenConfigured(ListenOptions listen, TlsSettings? tls)
    {
        if (tls is null)
            return;
        listen.UseHttps(https =>
        {
            https.ServerCertificate = tls.Certificate;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = (certificate, chain, errors) => tls.AcceptsPeer(certificate, chain, errors);
            https.CheckCertificateRevocation = false;
        });
    }
}
