using Ensemble.Cli;

namespace Ensemble.Cli.Tests;

public sealed class PercentileTests
{
    [Theory]
    [InlineData(0.5, 20)]
    [InlineData(0.75, 30)]
    [InlineData(0.99, 40)]
    [InlineData(0.01, 10)]
    public void Latency_percentiles_are_measured_values_by_nearest_rank(double q, double expected) =>
        Assert.Equal(expected, TagCommand.Percentile([10, 20, 30, 40], q));

    [Fact]
    public void No_latencies_give_nan() => Assert.True(double.IsNaN(TagCommand.Percentile([], 0.5)));
}
