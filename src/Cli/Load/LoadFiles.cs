using System.Globalization;
using Ensemble.Training.Data;
using ScottPlot;

namespace Ensemble.Cli.Load;

/// <summary>--out DIR: every request (requests.csv), the memory readings (memory.csv) and their plot (memory.png).</summary>
internal static class LoadFiles
{
    public const int WidthPixels = 1000;
    public const int HeightPixels = 500;

    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<LoadSample> samples, IReadOnlyList<MemorySample> memory, TimeSpan warmup)
    {
        Directory.CreateDirectory(folder);
        var c = CultureInfo.InvariantCulture;
        var requests = Path.Combine(folder, "requests.csv");
        Csv.Write(requests, ["finished_s", "latency_ms", "outcome", "queue_ms", "compute_ms"],
            samples.Select(s => (IReadOnlyList<string>)[
                s.FinishedAt.TotalSeconds.ToString("F3", c), s.LatencyMs.ToString("F2", c),
                s.Answer is null ? s.ErrorKind! : s.Answer.IsPartial ? "partial" : "ok",
                s.Answer?.QueueMs.ToString("F2", c) ?? "", s.Answer?.ComputeMs.ToString("F2", c) ?? ""]));
        var memoryCsv = Path.Combine(folder, "memory.csv");
        Csv.Write(memoryCsv, ["at_s", "process", "resident_mib"],
            memory.Select(m => (IReadOnlyList<string>)[m.At.TotalSeconds.ToString("F1", c), m.Process, MemorySample.Mib(m.ResidentBytes).ToString("F1", c)]));
        var plotPath = Path.Combine(folder, "memory.png");
        using (var plot = new Plot())
        {
            foreach (var process in memory.GroupBy(m => m.Process))
            {
                var line = plot.Add.Scatter(process.Select(m => m.At.TotalSeconds).ToArray(), process.Select(m => MemorySample.Mib(m.ResidentBytes)).ToArray());
                line.LegendText = process.Key;
            }
            plot.Add.VerticalLine(warmup.TotalSeconds).LegendText = "end of warm-up";
            plot.Title("resident memory during the load run");
            plot.XLabel("seconds since the start");
            plot.YLabel("resident memory (MiB)");
            plot.ShowLegend();
            plot.SavePng(plotPath, WidthPixels, HeightPixels);
        }
        return [requests, memoryCsv, plotPath];
    }
}
