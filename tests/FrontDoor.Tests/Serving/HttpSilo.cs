using Ensemble.Cli.Tests.Serving;
using Ensemble.Client;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Placement;
using Ensemble.Silo.Hosting;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>One in-process silo serving an untrained run, its HTTP, gRPC and metrics ports open on free ports (shared by a test class);
/// each model grain queues at most <see cref="MaxQueuedRequests"/> request (the tests send one at a time, but the overload test).</summary>
public sealed class HttpSilo : IAsyncLifetime
{
    public const int MaxQueuedRequests = 1;

    private IHost? _host;

    public UntrainedRun Run { get; } = new(models: 2, clips: 2);
    internal FailSwitchRunnerFactory Runners { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public int HttpPort { get; private set; }
    public int MetricsPort { get; private set; }
    /// <summary>A channel to the gRPC port (HTTP/2 without TLS).</summary>
    public GrpcChannel Grpc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Runners = new FailSwitchRunnerFactory(Run.Manifest.Models[1].Id);
        (_host, HttpPort, MetricsPort, var grpcPort) = Build(Run.RunFolder, Runners);
        await _host.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}") };
        Grpc = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        // One clip first, so that every test starts on warm model grains: a test that switches a model to failing
        // before its grain warmed up would fail the warm-up (and the grain) instead of one request.
        await _host.Services.GetRequiredService<EnsembleClient>().TagFileAsync(Run.Clips()[0]);
    }

    /// <summary>A silo host (not started) on free localhost ports serving <paramref name="runPath"/> (null: no manifest
    /// until one is activated), with its inference (HTTP), metrics and gRPC ports.</summary>
    internal static (IHost Host, int HttpPort, int MetricsPort, int GrpcPort) Build(string? runPath, IModelRunnerFactory runners)
    {
        var ports = FreePorts.Take(5);
        var settings = new SiloSettings(runPath, GpuInventory.None, ClusterEndpoint.Parse(ClusterEndpoint.Localhost), ports[0], ports[1],
            clusterId: $"http-{ports[0]}", primarySiloPort: ports[0], hedging: false, httpPort: ports[2], maxQueuedRequests: MaxQueuedRequests,
            metricsPort: ports[3], grpcPort: ports[4]);
        return (SiloHost.Build(settings, services => services.AddSingleton(runners)), ports[2], ports[3], ports[4]);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Grpc.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        Run.Dispose();
    }
}
