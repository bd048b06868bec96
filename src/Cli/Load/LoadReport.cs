using System.Globalization;

namespace Ensemble.Cli.Load;

/// <summary>
/// The figures of a load run, from the requests that finished inside the measured part (after the warm-up): throughput,
/// latency percentiles, partial answers, the server's queue and compute time, the windows and whether they were stable.
/// Errors and <see cref="Requests"/> count the whole run, warm-up included: an error is never excused.
/// </summary>
internal sealed record LoadReport(
    int Clients,
    TimeSpan Measured,
    int Answered,
    double ClipsPerSecond,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    int Partial,
    double MeanQueueMs,
    double MeanComputeMs,
    IReadOnlyList<LoadWindow> Windows,
    bool Stable,
    IReadOnlyDictionary<string, int> ErrorsByKind,
    LoadTally Requests)
{
    public int Errors => ErrorsByKind.Values.Sum();

    public static LoadReport Of(LoadRun run, LoadOptions options)
    {
        var samples = run.Samples;
        var end = options.Warmup + options.Duration;
        var measured = samples.Where(s => s.FinishedAt > options.Warmup && s.FinishedAt <= end).ToList();
        // A cancelled run measured only until its last answer.
        var span = samples.Count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Math.Min(options.Duration.Ticks, Math.Max(0, (samples[^1].FinishedAt - options.Warmup).Ticks)));
        var answered = measured.Where(s => s.Succeeded).ToList();
        var latencies = answered.Select(s => s.LatencyMs).Order().ToArray();
        var windows = new List<LoadWindow>();
        for (var i = 0; options.Window * (i + 1) <= span + TimeSpan.FromTicks(1); i++)
        {
            var from = options.Warmup + options.Window * i;
            var inWindow = answered.Where(s => s.FinishedAt > from && s.FinishedAt <= from + options.Window).Select(s => s.LatencyMs).Order().ToArray();
            windows.Add(new LoadWindow(i + 1, inWindow.Length, inWindow.Length / options.Window.TotalSeconds, Percentile(inWindow, 0.5)));
        }
        var last = windows.TakeLast(LoadOptions.StableWindows).ToList();
        var stable = last.Count == LoadOptions.StableWindows && last.Average(w => w.ClipsPerSecond) is var mean && mean > 0
            && last.All(w => Math.Abs(w.ClipsPerSecond - mean) <= LoadOptions.StabilityTolerance * mean);
        var errors = samples.Where(s => !s.Succeeded).GroupBy(s => s.ErrorKind!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new LoadReport(options.Clients, span, answered.Count, span > TimeSpan.Zero ? answered.Count / span.TotalSeconds : 0,
            Percentile(latencies, 0.5), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
            answered.Count(s => s.Answer!.IsPartial),
            answered.Count > 0 ? answered.Average(s => s.Answer!.QueueMs) : double.NaN,
            answered.Count > 0 ? answered.Average(s => s.Answer!.ComputeMs) : double.NaN,
            windows, stable, errors, LoadTally.Of(run));
    }

    /// <summary>The report as the command prints it; the last two lines are `p50 … p95 … p99 … ms` and `errors N`.</summary>
    public void Write(TextWriter output, IReadOnlyList<MemoryGrowth> memory)
    {
        var c = CultureInfo.InvariantCulture;
        foreach (var w in Windows)
            output.WriteLine(string.Create(c, $"window {w.Index}: {w.ClipsPerSecond:F2} clips/s, p50 {w.P50Ms:F1} ms ({w.Answered} answers)"));
        output.WriteLine(Stable
            ? $"stable: the last {LoadOptions.StableWindows} windows are within {LoadOptions.StabilityTolerance:P0} of their mean"
            : $"not stable: the last {LoadOptions.StableWindows} windows are not within {LoadOptions.StabilityTolerance:P0} of their mean (measure longer)");
        output.WriteLine(string.Create(c, $"throughput {ClipsPerSecond:F2} clips/s ({Answered} answered in {Measured.TotalSeconds:F1} s by {Clients} clients), {Partial} partial"));
        output.WriteLine(string.Create(c, $"server time per answer: queue {MeanQueueMs:F1} ms, compute {MeanComputeMs:F1} ms (the slowest model's, mean)"));
        foreach (var m in memory)
            output.WriteLine(string.Create(c, $"memory {m.Process}: {MemorySample.Mib(m.AfterWarmupBytes):F0} MiB after warm-up, {MemorySample.Mib(m.EndBytes):F0} MiB at the end ({m.GrowthPercent:+0.0;-0.0} %), peak {MemorySample.Mib(m.PeakBytes):F0} MiB"));
        output.WriteLine(string.Create(c, $"requests: sent {Requests.Sent}, answered {Requests.Answered} ({Requests.Partial} partial), retried {Requests.Retried}, failed {Requests.Failed}, abandoned {Requests.Abandoned}, lost {Requests.Lost}"));
        output.WriteLine(Errors == 0 ? "errors by kind: none" : "errors by kind: " + string.Join(", ", ErrorsByKind.Select(e => $"{e.Key} {e.Value}")));
        output.WriteLine(string.Create(c, $"p50 {P50Ms:F1} p95 {P95Ms:F1} p99 {P99Ms:F1} ms"));
        output.WriteLine(string.Create(c, $"errors {Errors}"));
    }

    private static double Percentile(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : TagCommand.Percentile(sorted, q);
}
