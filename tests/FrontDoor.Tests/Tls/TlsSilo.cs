using Ensemble.Cli.Tests.Serving;
using Ensemble.Client;
using Ensemble.Client.Tests.Tls;
using Ensemble.Grains.Placement;
using Ensemble.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace Ensemble.FrontDoor.Tests.Tls;

/// <summary>One in-process silo with mutual TLS on its Orleans ports and HTTPS on its HTTP, gRPC and metrics ports,
/// all with the certificate of <see cref="Certificates"/>' test CA, serving an untrained run.</summary>
public sealed class TlsSilo : IAsyncLifetime
{
    private IHost? _host;

    public TestCertificates Certificates { get; } = new();
    public UntrainedRun Run { get; } = new(models: 2, clips: 1);
    public int SiloPort { get; private set; }
    public int GatewayPort { get; private set; }
    public int HttpPort { get; private set; }
    public int GrpcPort { get; private set; }
    public int MetricsPort { get; private set; }

    public async Task InitializeAsync()
    {
        var ports = FreePorts.Take(5);
        (SiloPort, GatewayPort, HttpPort, MetricsPort, GrpcPort) = (ports[0], ports[1], ports[2], ports[3], ports[4]);
        var settings = new SiloSettings(Run.RunFolder, GpuInventory.None, ClusterEndpoint.Parse(ClusterEndpoint.Localhost), SiloPort, GatewayPort,
            primarySiloPort: SiloPort, hedging: false, httpPort: HttpPort, metricsPort: MetricsPort, grpcPort: GrpcPort, tls: Certificates.Silo());
        _host = SiloHost.Build(settings);
        await _host.StartAsync();
    }

    /// <summary>An HTTPS handler that trusts the test CA (and, with <paramref name="client"/>, presents that certificate).</summary>
    public SocketsHttpHandler TrustingHandler(TlsSettings? client = null)
    {
        var trust = client ?? Certificates.Client();
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => trust.AcceptsServer(certificate, errors);
        if (client is not null)
            handler.SslOptions.ClientCertificates = [client.Certificate];
        return handler;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        Run.Dispose();
        Certificates.Dispose();
    }
}
