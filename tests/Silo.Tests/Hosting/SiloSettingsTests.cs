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
    }

    [Fact]
    public void Bad_ports_and_missing_runs_are_named()
    {
        Assert.Contains("GatewayPort", Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, 1000, 1000)).Message);
        Assert.Contains("SiloPort", Assert.Throws<ArgumentException>(() => new SiloSettings(null, GpuInventory.None, Local, 0)).Message);
        Assert.Contains("RunPath", Assert.Throws<ArgumentException>(() => new SiloSettings("/nonexistent/run", GpuInventory.None, Local)).Message);
    }

    [Fact]
    public void A_run_folder_serves_its_serving_json() =>
        Assert.Equal(Path.GetFullPath("/runs/a/serving.json"), EnsembleSiloExtensions.ManifestPathOf("/runs/a"));
}
