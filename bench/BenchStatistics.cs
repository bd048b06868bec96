namespace Ensemble.Bench;

/// <summary>Summary statistics the benchmarks share (percentiles come from the CLI's <c>TagCommand.Percentile</c>).</summary>
internal static class BenchStatistics
{
    /// <summary>The median; the mean of the two middle values for an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
