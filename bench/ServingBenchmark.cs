using Ensemble.Grains.Hosting;
using System.Diagnostics;
using System.Globalization;
using Ensemble.Audio;
using Ensemble.Cli;
using Ensemble.Cli.Serving;
using Ensemble.Client;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Manifests;
using Ensemble.Grains.Placement;
using Ensemble.Models;
using MathNet.Numerics.Statistics;
using Ensemble.Settings;

namespace Ensemble.Bench;

/// <summary>
/// `bench serving DIR [--models 3] [--width 0.25] [--tta 20] [--arch customcnn|inception3|inception1] [--backend auto|torch|onnx] [--repeats 2] [--clients 1,4,16] [--gpus none|auto|0]`:
/// an untrained ensemble of the given size served (1) directly in process and (2) through an embedded silo, one clip
/// at a time: p50/p99 latency and clips/s of each; then clips/s through the silo with 1, 4, 16 concurrent clients and
/// the mean forward-pass batch (dynamic batching). Clips are the *.wav files of DIR, sent as bytes.
/// </summary>
internal static class ServingBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0 || !Directory.Exists(args[0]))
        {
            await output.WriteLineAsync("usage: bench serving DIR [--models 3] [--width 0.25] [--tta 20] [--arch customcnn|inception3|inception1] [--backend auto|torch|onnx] [--repeats 2] [--clients 1,4,16] [--max-batch-crops 64] [--queue-delay-ms 5] [--gpus none|auto|0]");
            return 2;
        }
        var files = Directory.GetFiles(args[0], "*.wav").Order(StringComparer.Ordinal).ToArray();
        var clips = files.Select(f => ClipTagRequest.FromBytes(Path.GetFileName(f), File.ReadAllBytes(f))).ToArray();
        var models = BenchArgs.Int(args, "--models", 3);
        var width = double.Parse(BenchArgs.Option(args, "--width", "0.25"), CultureInfo.InvariantCulture);
        var tta = BenchArgs.Int(args, "--tta", AudioOptions.DefaultTestTtaCrops);
        var repeats = BenchArgs.Int(args, "--repeats", 2);
        var backend = ServingOptions.ParseBackend(BenchArgs.Option(args, "--backend", "auto"));
        var architecture = BenchArgs.Option(args, "--arch", ModelSpec.CustomCnn);
        var clientCounts = BenchArgs.Option(args, "--clients", "1,4,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
        var maxBatchCrops = BenchArgs.Int(args, "--max-batch-crops", ServedModel.DefaultMaxBatchCrops);
        var queueDelayMs = double.Parse(BenchArgs.Option(args, "--queue-delay-ms", ServedModel.DefaultMaxQueueDelayMs.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        // With GPUs the silo pins model grains to them and the direct path runs on the first one, so both compare alike.
        var gpus = GpuInventory.FromOption(BenchArgs.Option(args, "--gpus", "none"));
        var directDevice = gpus.HasGpus ? $"cuda:{gpus.Devices[0].Index}" : "cpu";
        var run = Path.Combine(Path.GetTempPath(), $"ensemble-serving-bench-{Environment.ProcessId}");
        try
        {
            var labels = Enumerable.Range(0, 80).Select(i => $"class_{i:00}").ToArray();
            var manifest = UntrainedManifest.Write(run, labels, models, new AudioOptions(testTtaCrops: tta), width, maxBatchCrops: maxBatchCrops, maxQueueDelayMs: queueDelayMs, architecture: architecture);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{clips.Length} clips, {models} × {architecture}{(architecture == ModelSpec.CustomCnn ? $" width {width}" : "")} (backend {ServingOptions.BackendName(backend)}), {tta} TTA crops, max batch {maxBatchCrops} crops / {queueDelayMs} ms, {Environment.ProcessorCount} cores, device {directDevice}"));

            using var direct = new InProcessEnsemble(manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory(), directDevice, backend);
            await using var connection = await EnsembleConnection.StartEmbeddedAsync(run, gpus, responseTimeout: TimeSpan.FromMinutes(10), backend: backend);
            direct.Predict(clips[0]); // warm-up: JIT, allocator, first forward, model grain activation
            await connection.Client.TagAsync(clips[0]);
            // Paired and interleaved (direct, silo, silo, direct, ...): a shared machine's load hits both paths alike.
            var directMs = new List<double>();
            var siloMs = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                for (var i = 0; i < clips.Length; i++)
                {
                    var directFirst = (r + i) % 2 == 0;
                    if (directFirst)
                        directMs.Add(await TimeAsync(() => { direct.Predict(clips[i]); return Task.CompletedTask; }));
                    siloMs.Add(await TimeAsync(() => connection.Client.TagAsync(clips[i])));
                    if (!directFirst)
                        directMs.Add(await TimeAsync(() => { direct.Predict(clips[i]); return Task.CompletedTask; }));
                }
            }

            await output.WriteLineAsync("| path (1 client, sequential) | p50 ms | p99 ms | clips/s |");
            await output.WriteLineAsync("|---|---:|---:|---:|");
            var directSorted = directMs.Order().ToArray();
            var siloSorted = siloMs.Order().ToArray();
            await output.WriteLineAsync(Row("direct in-process call", directSorted));
            await output.WriteLineAsync(Row("embedded silo (EnsembleClient)", siloSorted));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"p50 overhead of the silo: {(TagCommand.Percentile(siloSorted, 0.5) / TagCommand.Percentile(directSorted, 0.5) - 1) * 100:+0.0;-0.0} %, median of per-clip differences {Statistics.Median(siloMs.Zip(directMs, (a, b) => a - b)):+0.0;-0.0} ms"));

            await output.WriteLineAsync("| concurrent clients | clips | clips/s | mean batch (crops) | p50 ms | p99 ms |");
            await output.WriteLineAsync("|---:|---:|---:|---:|---:|---:|");
            foreach (var clientCount in clientCounts)
            {
                var total = Math.Max(clips.Length * repeats, clientCount * 2);
                var results = new ClipTagResult[total];
                var latencies = new double[total];
                var watch = Stopwatch.StartNew();
                await BenchClients.RunAsync(clientCount, total, async i =>
                {
                    var started = Stopwatch.GetTimestamp();
                    results[i] = await connection.Client.TagAsync(clips[i % clips.Length]);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                });
                var seconds = watch.Elapsed.TotalSeconds;
                var meanBatch = results.SelectMany(r => r.Timings).Average(t => t.BatchCrops);
                Array.Sort(latencies);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {clientCount} | {total} | {total / seconds:0.00} | {meanBatch:0.0} | {TagCommand.Percentile(latencies, 0.5):0.0} | {TagCommand.Percentile(latencies, 0.99):0.0} |"));
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(run))
                Directory.Delete(run, recursive: true);
        }
    }

    private static async Task<double> TimeAsync(Func<Task> call)
    {
        var started = Stopwatch.GetTimestamp();
        await call();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static string Row(string name, double[] sortedMs) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {TagCommand.Percentile(sortedMs, 0.5):0.0} | {TagCommand.Percentile(sortedMs, 0.99):0.0} | {1000 * sortedMs.Length / sortedMs.Sum():0.00} |");

}
