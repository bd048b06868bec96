using Ensemble.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ensemble.Cli.Training;

/// <summary>An Orleans client of the cluster that `train --cluster`, `jobs` and `cancel` talk to; disposing stops it.</summary>
internal sealed class TrainingConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private TrainingConnection(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="tls">Mutual TLS to the gateways (`--tls-cert/--tls-key/--tls-ca`); null: plain TCP.</param>
    public static async Task<TrainingConnection> ConnectAsync(string cluster, int gatewayPort, TlsSettings? tls, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseEnsembleClient(ClusterEndpoint.Parse(cluster), gatewayPort, tls: tls);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return new TrainingConnection(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
