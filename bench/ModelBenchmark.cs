using System.Diagnostics;
using System.Globalization;
using Ensemble.Models;
using Ensemble.Models.Inference;
using Ensemble.Models.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using MathNet.Numerics.Statistics;
using Ensemble.Settings;
using Ensemble.Training.Optimization;

namespace Ensemble.Bench;

/// <summary>
/// `bench models [--mode inference|training|all] [--device cpu|cuda|cuda:N] [--iterations N] [--warmup N]
/// [--threads N] [--archs customcnn,inception3,inception1] [--batches 1,8,32] [--train-batch N] [--width W]
/// [--fold true|false] [--precision fp32|bf16] [--cudnn-benchmark true|false] [--optimizer flat|torchsharp]
/// [--adam-chunk VALUES]`. bf16 applies
/// to inference only (TorchSharp has no autocast; training stays fp32 and the training table says so).
/// Inference: crops/s through <see cref="TorchModelRunner"/> (normalisation and host copies included).
/// Training: samples/s of Adam + BCEWithLogits steps on random 128×128 crops and multi-hot targets, the same
/// loop bench/pytorch_models_bench.py times in PyTorch; `--optimizer` picks training's <see cref="FlatAdam"/> (default) or
/// TorchSharp's per-parameter <c>optim.Adam</c>. Optimizer (`--mode optimizer`): ms per Adam step and per zero_grad
/// alone, after one backward pass (issue 14 item 4). Prints Markdown table rows.
/// </summary>
internal static class ModelBenchmark
{
    private const int Classes = 80;
    private static readonly int MelBands = AudioOptions.Default.CropShape.MelBands;
    private static readonly int Frames = AudioOptions.Default.CropShape.Frames;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        Settings settings;
        try
        {
            settings = Settings.Parse(args);
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync($"models: {e.Message}");
            return 2;
        }
        // Resolve first: on a CUDA host TorchSharp must initialise the CUDA backend before any other torch call.
        var device = TorchDevice.Resolve(settings.Device);
        set_num_threads(settings.Threads);
        await output.WriteLineAsync($"# TorchSharp {typeof(torch).Assembly.GetName().Version}, libtorch {__version__}, device {settings.Device}, threads {get_num_threads()}, malloc tuning {NativeMemoryTuning.Applied}, iterations {settings.Iterations} (+{settings.Warmup} warm-up), fold {settings.Fold}, inference {settings.Precision}, cuDNN benchmark {settings.CudnnBenchmark}, optimizer {settings.Optimizer}");
        if (settings.Mode is "inference" or "all")
        {
            await output.WriteLineAsync("| architecture | batch | crops/s | ms/batch |");
            await output.WriteLineAsync("| --- | ---: | ---: | ---: |");
            foreach (var arch in settings.Architectures)
            {
                foreach (var batch in settings.Batches)
                {
                    var seconds = TimeInference(Spec(arch, settings), batch, settings);
                    await output.WriteLineAsync(Invariant($"| {Label(arch, settings)} | {batch} | {batch / seconds:F1} | {seconds * 1000:F1} |"));
                }
            }
        }
        if (settings.Mode is "training" or "all")
        {
            await output.WriteLineAsync($"Training (fp32, {settings.Optimizer} Adam):");
            await output.WriteLineAsync("| architecture | batch | samples/s | ms/step | process CPU s/step |");
            await output.WriteLineAsync("| --- | ---: | ---: | ---: | ---: |");
            foreach (var arch in settings.Architectures)
            {
                var (seconds, cpuSeconds) = TimeTraining(Spec(arch, settings), settings.TrainBatch, device, settings);
                await output.WriteLineAsync(Invariant($"| {Label(arch, settings)} | {settings.TrainBatch} | {settings.TrainBatch / seconds:F1} | {seconds * 1000:F1} | {cpuSeconds:F2} |"));
            }
        }
        if (settings.Mode is "optimizer")
        {
            await output.WriteLineAsync($"Optimizer ({settings.Optimizer} Adam{(settings.Optimizer == FlatOptimizer ? $", chunk {settings.AdamChunk?.ToString(CultureInfo.InvariantCulture) ?? "default"}" : "")}):");
            await output.WriteLineAsync("| architecture | parameter tensors | values | step ms | zero_grad ms |");
            await output.WriteLineAsync("| --- | ---: | ---: | ---: | ---: |");
            foreach (var arch in settings.Architectures)
            {
                var (tensors, values, step, zeroGrad) = TimeOptimizer(Spec(arch, settings), device, settings);
                await output.WriteLineAsync(Invariant($"| {Label(arch, settings)} | {tensors} | {values:N0} | {step * 1000:F2} | {zeroGrad * 1000:F2} |"));
            }
        }
        return 0;
    }

    /// <summary>Training's optimizer or TorchSharp's, behind the two calls a training step makes.</summary>
    private sealed class BenchOptimizer : IDisposable
    {
        private readonly FlatAdam? _flat;
        private readonly optim.Optimizer? _torchSharp;

        public BenchOptimizer(nn.Module<Tensor, Tensor> model, string kind, int? chunkValues)
        {
            if (kind == FlatOptimizer)
                _flat = new FlatAdam(model.parameters(), 1e-3, chunkValues: chunkValues);
            else
                _torchSharp = optim.Adam(model.parameters(), lr: 1e-3);
        }

        public void ZeroGrad()
        {
            _flat?.ZeroGrad();
            _torchSharp?.zero_grad();
        }

        public void Step()
        {
            _flat?.Step();
            _torchSharp?.step();
        }

        public void Dispose()
        {
            _flat?.Dispose();
            _torchSharp?.Dispose();
        }
    }

    private const string FlatOptimizer = "flat";
    private const string TorchSharpOptimizer = "torchsharp";

    /// <summary>
    /// Median seconds of an Adam step and of zero_grad, after one backward pass. The first step sees that pass's
    /// gradients, later ones zeros, so the moments stay non-zero as in training: zeroing before the first step would
    /// leave the second moment all zeros, and libtorch 2.10 takes 5-6x longer for the square root of zeros.
    /// </summary>
    private static (int Tensors, long Values, double Step, double ZeroGrad) TimeOptimizer(ModelSpec spec, Device device, Settings settings)
    {
        using var model = ModelFactory.Create(spec);
        model.to(device);
        model.train();
        using var optimizer = new BenchOptimizer(model, settings.Optimizer, settings.AdamChunk);
        using (var scope = NewDisposeScope())
        {
            using var generator = new Generator(1);
            var inputs = randn([2, 1, MelBands, Frames], generator: generator).to(device);
            var targets = (rand([2, Classes], generator: generator) < 0.05).to(float32).to(device);
            nn.functional.binary_cross_entropy_with_logits(model.forward(inputs), targets).backward();
        }
        var steps = new List<double>();
        var zeroings = new List<double>();
        for (var i = 0; i < settings.Warmup + settings.Iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            optimizer.Step();
            Synchronize(device);
            var stepped = watch.Elapsed.TotalSeconds;
            optimizer.ZeroGrad();
            Synchronize(device);
            if (i < settings.Warmup)
                continue;
            steps.Add(stepped);
            zeroings.Add(watch.Elapsed.TotalSeconds - stepped);
        }
        var parameters = model.parameters().ToArray();
        return (parameters.Length, parameters.Sum(p => p.numel()), Statistics.Median(steps), Statistics.Median(zeroings));
    }

    private static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA)
            cuda.synchronize();
    }

    private static ModelSpec Spec(string arch, Settings s) => new(arch, s.Width, Classes);

    private static string Label(string arch, Settings s) =>
        s.Width != 1.0 ? Invariant($"{arch} (width {s.Width})") : arch;

    /// <summary>Seconds per batch, median of the timed iterations.</summary>
    private static double TimeInference(ModelSpec spec, int batch, Settings settings)
    {
        using var runner = new TorchModelRunner(ModelFactory.Create(spec), spec.Classes, new TorchModelRunnerOptions(AudioOptions.Default, settings.Device, settings.Threads, settings.Fold, settings.Precision, settings.CudnnBenchmark));
        var random = new Random(1);
        var crops = new float[batch * MelBands * Frames];
        for (var i = 0; i < crops.Length; i++)
            crops[i] = (float)(random.NextDouble() * 80 - 80);
        for (var i = 0; i < settings.Warmup; i++)
            _ = runner.Run(crops, batch);
        var times = new List<double>();
        for (var i = 0; i < settings.Iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            _ = runner.Run(crops, batch);
            times.Add(watch.Elapsed.TotalSeconds);
        }
        return Statistics.Median(times);
    }

    /// <summary>
    /// Wall seconds per training step (median of the timed steps) and process CPU seconds per step (mean): the CPU
    /// figure is steadier than wall time when other processes share the cores.
    /// </summary>
    private static (double Wall, double Cpu) TimeTraining(ModelSpec spec, int batch, Device device, Settings settings)
    {
        using var model = ModelFactory.Create(spec);
        model.to(device);
        model.train();
        using var optimizer = new BenchOptimizer(model, settings.Optimizer, settings.AdamChunk);
        using var loss = nn.BCEWithLogitsLoss();
        using var generator = new Generator(1);
        using var inputs = randn([batch, 1, MelBands, Frames], generator: generator).to(device);
        using var targets = (rand([batch, Classes], generator: generator) < 0.05).to(float32).to(device);
        var times = new List<double>();
        var phases = new double[3]; // forward+loss, backward, zero_grad+step (host-side; exact on the CPU)
        var process = Process.GetCurrentProcess();
        var cpuAtStart = TimeSpan.Zero;
        for (var i = 0; i < settings.Warmup + settings.Iterations; i++)
        {
            if (i == settings.Warmup)
            {
                process.Refresh();
                cpuAtStart = process.TotalProcessorTime;
            }
            var watch = Stopwatch.StartNew();
            using (var scope = NewDisposeScope())
            {
                optimizer.ZeroGrad();
                var value = loss.forward(model.forward(inputs), targets);
                var forwardDone = watch.Elapsed.TotalSeconds;
                value.backward();
                var backwardDone = watch.Elapsed.TotalSeconds;
                optimizer.Step();
                _ = value.item<float>(); // waits for the device
                if (i >= settings.Warmup)
                {
                    phases[0] += forwardDone;
                    phases[1] += backwardDone - forwardDone;
                    phases[2] += watch.Elapsed.TotalSeconds - backwardDone;
                }
            }
            if (i >= settings.Warmup)
                times.Add(watch.Elapsed.TotalSeconds);
        }
        process.Refresh();
        Console.Error.WriteLine(Invariant($"# {spec.Architecture} phases ms/step: forward {phases[0] * 1000 / settings.Iterations:F0}, backward {phases[1] * 1000 / settings.Iterations:F0}, optimizer {phases[2] * 1000 / settings.Iterations:F0}"));
        return (Statistics.Median(times), (process.TotalProcessorTime - cpuAtStart).TotalSeconds / settings.Iterations);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Settings(
        string Mode, string Device, int Iterations, int Warmup, int Threads, IReadOnlyList<string> Architectures,
        IReadOnlyList<int> Batches, int TrainBatch, double Width, bool Fold, InferencePrecision Precision, bool CudnnBenchmark,
        string Optimizer, int? AdamChunk)
    {
        public static Settings Parse(string[] args)
        {
            var s = new Settings("all", TorchDevice.Cpu, 3, 1, 2, ModelSpec.Architectures, [1, 8, 32], 16, 1.0, TorchModelRunnerOptions.DefaultFoldBatchNorm,
                TorchModelRunnerOptions.DefaultPrecision, TorchModelRunnerOptions.DefaultCudnnBenchmark, FlatOptimizer, null);
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value");
                s = args[i] switch
                {
                    "--mode" when value is "inference" or "training" or "all" or "optimizer" => s with { Mode = value },
                    "--optimizer" when value is FlatOptimizer or TorchSharpOptimizer => s with { Optimizer = value },
                    "--adam-chunk" => s with { AdamChunk = Positive(args[i], value) },
                    "--device" => s with { Device = value },
                    "--iterations" => s with { Iterations = Positive(args[i], value) },
                    "--warmup" => s with { Warmup = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--threads" => s with { Threads = Positive(args[i], value) },
                    "--archs" => s with { Architectures = value.Split(',') },
                    "--batches" => s with { Batches = [.. value.Split(',').Select(b => Positive("--batches", b))] },
                    "--train-batch" => s with { TrainBatch = Positive(args[i], value) },
                    "--width" => s with { Width = double.Parse(value, CultureInfo.InvariantCulture) },
                    "--fold" when bool.TryParse(value, out var fold) => s with { Fold = fold },
                    "--precision" when value is "fp32" => s with { Precision = InferencePrecision.Fp32 },
                    "--precision" when value is "bf16" => s with { Precision = InferencePrecision.Bf16 },
                    "--cudnn-benchmark" when bool.TryParse(value, out var tune) => s with { CudnnBenchmark = tune },
                    _ => throw new ArgumentException($"unknown option or value: {args[i]} {value}"),
                };
                i++;
            }
            foreach (var arch in s.Architectures)
                _ = new ModelSpec(arch, s.Width);
            return s;
        }

        private static int Positive(string name, string value) =>
            int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} needs a positive integer, got '{value}'");
    }
}
