using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace Ensemble.Silo.Hosting;

/// <summary>Builds the process that runs one silo: a plain host, or a web host serving the Orleans Dashboard.</summary>
public static class SiloHost
{
    public const string DashboardRoute = "/dashboard";

    public static IHost Build(SiloSettings settings)
    {
        if (settings.DashboardPort is not { } port)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.UseEnsembleSilo(settings);
            return builder.Build();
        }
        var web = WebApplication.CreateBuilder();
        web.WebHost.UseUrls($"http://0.0.0.0:{port}");
        web.UseEnsembleSilo(settings);
        var app = web.Build();
        app.MapOrleansDashboard(routePrefix: DashboardRoute);
        return app;
    }
}
