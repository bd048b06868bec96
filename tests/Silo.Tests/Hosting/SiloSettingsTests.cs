using System.Net;
using Ensemble.Client;
using Ensemble.Grains.Placement;
using Ensemble.Silo.Hosting;

namespace Ensemble.Silo.Tests.Hosting;

public sealed class SiloSettingsTests
{
    private static readonly ClusterEndpoint Local = ClusterEndpoint.Parse("localhost");

    [Fact]
    public void Defaults_are_orleans_ports()
    {
        var settings = new SiloSettings(null, GpuInventory.None, Local);
        Assert.Equal((11111, 30000, 11111), (settings.SiloPort, settings.GatewayPort, settings.PrimarySiloPort));
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ResponseTimeout);
        Assert.False(settings.Telemetry.Enabled);
        Assert.Equal((SiloSettings.Off, SiloSettings.Off, false), (settings.HttpPort, settings.MetricsPort, settings.ServesHttp));
    }

    [Fact]
    public void A_metrics_port_is_a_web_port_of_its_own_and_the_queue_limit_is_positive()
    {
        Assert.True(new SiloSettings(null, GpuInventory.None, Local, metricsPort: SiloSettings.DefaultMetricsPort).ServesHttp);
        Assert.Contains("HttpPort and MetricsPort share port 8000",
            Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, httpPort: 8000, metricsPort: 8000)).Message);
        Assert.Contains("MetricsPort", Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, metricsPort: 70000)).Message);
        Assert.Contains("MaxQueuedRequests 0", Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, maxQueuedRequests: 0)).Message);
    }

    [Fact]
    public void A_grpc_port_is_off_by_default_a_web_port_of_its_own_and_clashes_are_named()
    {
        var settings = new SiloSettings(null, GpuInventory.None, Local);
        Assert.Equal((SiloSettings.Off, false), (settings.GrpcPort, settings.ServesHttp));
        var grpc = new SiloSettings(null, GpuInventory.None, Local, grpcPort: SiloSettings.DefaultGrpcPort);
        Assert.Equal((8001, true), (grpc.GrpcPort, grpc.ServesHttp));
        Assert.Contains("HttpPort and GrpcPort share port 8000",
            Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, httpPort: 8000, grpcPort: 8000)).Message);
        Assert.Contains("GrpcPort 70000", Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, grpcPort: 70000)).Message);
    }

    [Fact]
    public void Bad_ports_and_missing_runs_are_named()
    {
        Assert.Contains("GatewayPort", Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, 1000, 1000)).Message);
        Assert.Contains("SiloPort", Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, 0)).Message);
        Assert.Contains("RunPath", Assert.Throws<ArgumentException>(() => new SiloSettings("/nonexistent/run", GpuInventory.None, Local)).Message);
    }

    [Fact]
    public void An_advertised_address_needs_redis_membership_and_a_real_address()
    {
        var redis = ClusterEndpoint.Parse("redis://127.0.0.1:6379");
        Assert.Equal(IPAddress.Parse("10.0.0.7"), new SiloSettings(null, GpuInventory.None, redis, advertise: IPAddress.Parse("10.0.0.7")).Advertise);
        Assert.Null(new SiloSettings(null, GpuInventory.None, redis).Advertise);
        Assert.Contains("localhost", Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, advertise: IPAddress.Parse("10.0.0.7"))).Message);
        Assert.Contains("any-address", Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, redis, advertise: IPAddress.Any)).Message);
    }

    [Fact]
    public void A_run_folder_serves_its_serving_json() =>
        Assert.Equal(Path.GetFullPath("/runs/a/serving.json"), EnsembleSiloExtensions.ManifestPathOf("/runs/a"));
}
