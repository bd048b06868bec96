using Ensemble.Cli.Tests.Serving;
using Ensemble.Client;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Placement;
using Ensemble.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>One in-process silo serving an untrained run, its HTTP port open on a free port (shared by a test class);
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

    public async Task InitializeAsync()
    {
        Runners = new FailSwitchRunnerFactory(Run.Manifest.Models[1].Id);
        (_host, HttpPort, MetricsPort) = Build(Run.RunFolder, Runners);
        await _host.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}") };
    }

    /// <summary>A silo host (not started) on free localhost ports serving <paramref name="runPath"/> (null: no manifest
    /// until one is activated), with its inference and metrics ports.</summary>
    internal static (IHost Host, int HttpPort, int MetricsPort) Build(string? runPath, IModelRunnerFactory runners)
    {
        var ports = FreePorts.Take(4);
        var settings = new SiloSettings(runPath, GpuInventory.None, ClusterEndpoint.Parse(ClusterEndpoint.Localhost), ports[0], ports[1],
            clusterId: $"http-{ports[0]}", primarySiloPort: ports[0], hedging: false, httpPort: ports[2], maxQueuedRequests: MaxQueuedRequests,
            metricsPort: ports[3]);
        return (SiloHost.Build(settings, services => services.AddSingleton(runners)), ports[2], ports[3]);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
        Run.Dispose();
    }
}
