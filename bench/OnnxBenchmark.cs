using System.Diagnostics;
using System.Globalization;
using Ensemble.Models;
using Ensemble.Models.Inference;
using Ensemble.Models.Onnx;
using Google.Protobuf;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MathNet.Numerics.Statistics;
using Ensemble.Settings;

namespace Ensemble.Bench;

/// <summary>
/// `bench onnx`: inference crops/s of <see cref="TorchModelRunner"/> and <see cref="OnnxModelRunner"/> (CPU) per
/// architecture and batch, one process, the same weights and log-mel inputs for both (per-crop normalisation included). The backends alternate run by run so that load from
/// other processes on a shared CPU hits both alike. Options: --archs customcnn,inception3,inception1
/// --batches 1,8,32 --width 1 --threads N (both backends; default all cores) --seconds S (per backend and cell)
/// --spin true|false (ORT intra-op spinning) --ort-max-batch N (adds ORT run in slices of ≤ N crops) --save-dir DIR (also write the exported models, e.g. for scripts/check_onnx.py).
/// </summary>
internal static class OnnxBenchmark
{
    private static readonly int MelBands = AudioOptions.Default.CropShape.MelBands;
    private static readonly int Frames = AudioOptions.Default.CropShape.Frames;
    private const int MinimumRounds = 3;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = ParseOptions(args);
        await output.WriteLineAsync($"# onnx benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {CpuModel()}, {Environment.ProcessorCount} cores, threads {options.Threads}, ORT spinning {options.Spinning}, OMP_WAIT_POLICY={Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "(unset)"}, load {LoadAverage()}");
        await output.WriteLineAsync($"# crops {MelBands}×{Frames}, ≥{options.Seconds} s per backend and cell, CustomCNN width ×{options.Width}");
        var sliced = options.OrtMaxBatch is { } slice ? $" | ORT, ≤{slice} per run crops/s | sliced / TorchSharp" : "";
        await output.WriteLineAsync($"# crops/s over all rounds; ratios: median over rounds of the paired per-round ratio (≥{MinimumRounds} rounds)");
        await output.WriteLineAsync($"| architecture | batch | TorchSharp crops/s | ONNX Runtime crops/s | ORT / TorchSharp{sliced} |");
        await output.WriteLineAsync(options.OrtMaxBatch is null ? "|---|---:|---:|---:|---:|" : "|---|---:|---:|---:|---:|---:|---:|");
        foreach (var architecture in options.Architectures)
        {
            var spec = new ModelSpec(architecture, architecture == ModelSpec.CustomCnn ? options.Width : ModelSpec.DefaultWidthMultiplier);
            var runners = new List<IModelRunner>(); // TorchSharp, ONNX Runtime, ONNX Runtime sliced: all disposed below
            try
            {
                var model = ModelFactory.Create(spec);
                runners.Add(new TorchModelRunner(model, spec.Classes, new TorchModelRunnerOptions(AudioOptions.Default, intraOpThreads: options.Threads)));
                RandomizeWeights(model); // in place, now that the runner owns the model (CPU: same device, eval mode either way)
                var bytes = OnnxExporter.Export(model, OnnxExportOptions.ForSettings(AudioOptions.Default, null, null)).ToByteArray();
                if (options.SaveDirectory is { } folder)
                {
                    Directory.CreateDirectory(folder);
                    await File.WriteAllBytesAsync(Path.Combine(folder, $"{architecture}.onnx"), bytes);
                }
                runners.Add(new OnnxModelRunner(bytes, architecture, new OnnxModelRunnerOptions(intraOpNumThreads: options.Threads, allowSpinning: options.Spinning)));
                if (options.OrtMaxBatch is { } maxBatch)
                    runners.Add(new OnnxModelRunner(bytes, architecture, new OnnxModelRunnerOptions(intraOpNumThreads: options.Threads, allowSpinning: options.Spinning, maxBatchPerRun: maxBatch)));
                foreach (var batch in options.Batches)
                {
                    var crops = new float[batch * MelBands * Frames];
                    var random = new Random(batch);
                    for (var i = 0; i < crops.Length; i++)
                        crops[i] = (float)(random.NextDouble() * 80 - 80); // log-mel dB
                    var (rates, ratios) = Measure(batch, options.Seconds, runners.Select(r => (Action)(() => r.Run(crops, batch))).ToArray());
                    var row = string.Create(CultureInfo.InvariantCulture, $"| {architecture} | {batch} | {rates[0]:F1} | {rates[1]:F1} | {ratios[1]:F2}× |");
                    if (rates.Length > 2)
                        row += string.Create(CultureInfo.InvariantCulture, $" {rates[2]:F1} | {ratios[2]:F2}× |");
                    await output.WriteLineAsync(row);
                }
            }
            finally
            {
                foreach (var runner in runners)
                    runner.Dispose();
            }
        }
        await output.WriteLineAsync($"# load at end {LoadAverage()}");
        return 0;
    }

    /// <summary>
    /// Crops/s of each run action over all rounds, and per action the median over rounds of its speed relative to
    /// action 0 within the same round: the actions alternate, so a round's runs see about the same outside load,
    /// and the paired median discounts rounds where the load changed.
    /// </summary>
    private static (double[] Rates, double[] PairedRatios) Measure(int batch, double seconds, Action[] runs)
    {
        foreach (var run in runs)
            run(); // warm-up: allocator, kernels, ORT arenas
        var times = runs.Select(_ => new List<double>()).ToArray();
        while (times[0].Count < MinimumRounds || times.Min(t => t.Sum()) < seconds)
        {
            for (var i = 0; i < runs.Length; i++)
                times[i].Add(Time(runs[i]));
        }
        var rates = times.Select(t => batch * t.Count / t.Sum()).ToArray();
        var ratios = times.Select(t => Statistics.Median(t.Select((time, round) => times[0][round] / time))).ToArray();
        return (rates, ratios);
    }

    private static double Time(Action run)
    {
        var watch = Stopwatch.StartNew();
        run();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>He-scaled random weights with unit batch-norm statistics: finite activations of a plausible scale (timing only).</summary>
    private static void RandomizeWeights(nn.Module model)
    {
        using var noGrad = no_grad();
        foreach (var (_, module) in model.named_modules())
        {
            if (module is Conv2d conv)
                conv.weight.copy_(randn(conv.weight.shape) * Math.Sqrt(2.0 / (conv.weight.numel() / conv.weight.shape[0])));
            else if (module is Linear linear)
                linear.weight.copy_(randn(linear.weight.shape) / Math.Sqrt(linear.in_features));
        }
    }

    private sealed record Options(string[] Architectures, int[] Batches, double Width, int Threads, double Seconds, string? SaveDirectory, bool Spinning, int? OrtMaxBatch);

    private static Options ParseOptions(string[] args)
    {
        var options = new Options(ModelSpec.Architectures.ToArray(), [1, 8, 32], 1.0, Environment.ProcessorCount, 3.0, null, OnnxModelRunnerOptions.DefaultAllowSpinning, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"option {args[i]} needs a value");
            options = args[i++] switch
            {
                "--archs" => options with { Architectures = value.Split(',') },
                "--batches" => options with { Batches = value.Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray() },
                "--width" => options with { Width = double.Parse(value, CultureInfo.InvariantCulture) },
                "--threads" => options with { Threads = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--save-dir" => options with { SaveDirectory = value },
                "--spin" => options with { Spinning = bool.Parse(value) },
                "--ort-max-batch" => options with { OrtMaxBatch = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i - 1]}"),
            };
        }
        return options;
    }

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
