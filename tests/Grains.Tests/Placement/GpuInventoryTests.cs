using Ensemble.Grains.Placement;

namespace Ensemble.Grains.Tests.Placement;

public sealed class GpuInventoryTests
{
    private static readonly GpuDevice[] TwoGpus = [new(0, 81_559), new(1, 40_960)];

    [Fact]
    public void None_auto_and_lists_parse()
    {
        Assert.False(GpuInventory.FromOption("none", () => TwoGpus).HasGpus);
        Assert.Equal(TwoGpus, GpuInventory.FromOption("auto", () => TwoGpus).Devices);
        Assert.Equal([new GpuDevice(1, 40_960)], GpuInventory.FromOption("1", () => TwoGpus).Devices);
        Assert.Equal([new GpuDevice(0, 81_559), new GpuDevice(3, 0)], GpuInventory.FromOption("0, 3", () => TwoGpus).Devices);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0,0")]
    [InlineData("-1")]
    public void Bad_lists_are_rejected(string spec) =>
        Assert.Contains("--gpus", Assert.Throws<ArgumentException>(() => GpuInventory.FromOption(spec, () => TwoGpus)).Message);

    [Fact]
    public void Metadata_round_trips_including_simulation()
    {
        var real = new GpuInventory(TwoGpus, false);
        var back = GpuInventory.FromMetadata(real.ToMetadata());
        Assert.Equal(TwoGpus, back.Devices);
        Assert.False(back.Simulated);
        Assert.True(GpuInventory.FromMetadata(GpuInventory.Simulate(2).ToMetadata()).Simulated);
        Assert.False(GpuInventory.FromMetadata(GpuInventory.None.ToMetadata()).HasGpus);
        Assert.False(GpuInventory.FromMetadata(null).HasGpus);
    }

    [Fact]
    public void Corrupt_metadata_is_reported() =>
        Assert.Throws<FormatException>(() => GpuInventory.FromMetadata(new Dictionary<string, string> { [GpuInventory.MetadataKey] = "0=1" }));
}
