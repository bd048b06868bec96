namespace Ensemble.Cli.Load;

/// <summary>A process's resident memory after the warm-up, at the end, and at its peak.</summary>
internal sealed record MemoryGrowth(string Process, long AfterWarmupBytes, long EndBytes, long PeakBytes)
{
    public double GrowthPercent => 100.0 * (EndBytes - AfterWarmupBytes) / AfterWarmupBytes;

    public static IReadOnlyList<MemoryGrowth> Of(IReadOnlyList<MemorySample> samples, TimeSpan warmup) =>
        [.. samples.GroupBy(s => s.Process).Select(g =>
        {
            var ordered = g.OrderBy(s => s.At).ToList();
            var reference = ordered.FirstOrDefault(s => s.At >= warmup) ?? ordered[^1];
            return new MemoryGrowth(g.Key, reference.ResidentBytes, ordered[^1].ResidentBytes, ordered.Max(s => s.ResidentBytes));
        })];
}
