using System.Diagnostics;
using System.Globalization;
using Ensemble.Audio.Encoding;
using Ensemble.Cli.Serving;
using Ensemble.Client;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Hosting;
using Ensemble.Grains.Manifests;
using Ensemble.Grains.Placement;
using Ensemble.Models;
using Ensemble.Settings;

namespace Ensemble.Bench;

/// <summary>
/// `bench ensemble [--clips 3361] [--folds 5] [--archs customcnn,inception3,inception1] [--width 1] [--tta 20]
/// [--clients 16] [--gpus auto] [--backend auto] [--seed 1]`: the whole ensemble end to end (issue 14 item 5). An
/// untrained manifest of folds × architectures models, served by an embedded silo; generated clips of FAT2019-like
/// lengths (log-uniform over 0.3-30 s, FAT2019's curated range; 16-bit PCM at 44.1 kHz; tones in noise) are sent as
/// WAV bytes by concurrent clients, so decoding, log-mel, TTA crops, Orleans messaging, the model grains and the blend
/// are all in the time. Prints one Markdown row; the pure model time to compare it with is clips × TTA × folds divided
/// by each architecture's crops/s (bench/gpu/run.sh computes it from PyTorch's rows).
/// </summary>
internal static class EnsembleBenchmark
{
    private const int SampleRateHz = 44_100;
    private const double ShortestSeconds = 0.3;
    private const double LongestSeconds = 30;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var clipCount = BenchArgs.Int(args, "--clips", 3_361);
        var folds = BenchArgs.Int(args, "--folds", 5);
        var architectures = BenchArgs.Option(args, "--archs", $"{ModelSpec.CustomCnn},{ModelSpec.Inception3},{ModelSpec.Inception1}").Split(',');
        var width = double.Parse(BenchArgs.Option(args, "--width", "1"), CultureInfo.InvariantCulture);
        var tta = BenchArgs.Int(args, "--tta", AudioOptions.DefaultTestTtaCrops);
        var clients = BenchArgs.Int(args, "--clients", 16);
        var seed = BenchArgs.Int(args, "--seed", 1);
        var gpus = GpuInventory.FromOption(BenchArgs.Option(args, "--gpus", "auto"));
        var backend = ServingOptions.ParseBackend(BenchArgs.Option(args, "--backend", "auto"));
        if (clipCount < 1 || folds < 1 || tta < 1 || clients < 1)
        {
            await output.WriteLineAsync("usage: bench ensemble [--clips 3361] [--folds 5] [--archs customcnn,inception3,inception1] [--width 1] [--tta 20] [--clients 16] [--gpus auto] [--backend auto] [--seed 1] (counts >= 1)");
            return 2;
        }

        var run = Path.Combine(Path.GetTempPath(), $"ensemble-ensemble-bench-{Environment.ProcessId}");
        try
        {
            var labels = Enumerable.Range(0, 80).Select(i => $"class_{i:00}").ToArray();
            var perModel = architectures.SelectMany(a => Enumerable.Repeat(a, folds)).ToArray();
            UntrainedManifest.Write(run, labels, perModel, new AudioOptions(testTtaCrops: tta), width, seed);
            var random = new Random(seed);
            var clips = Enumerable.Range(0, clipCount).Select(i => Clip(i, random)).ToArray();
            var audioSeconds = clips.Sum(c => (c.WavBytes!.Length - 44) / 2.0 / SampleRateHz);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"# {clipCount} clips ({audioSeconds / 60:0.0} min of audio), {perModel.Length} models ({string.Join(", ", architectures)} × {folds} folds, customcnn width {width}), {tta} TTA crops, {clients} clients, GPUs {(gpus.HasGpus ? gpus.Devices.Count : 0)}, backend {ServingOptions.BackendName(backend)}"));

            await using var connection = await EnsembleConnection.StartEmbeddedAsync(run, gpus, responseTimeout: TimeSpan.FromMinutes(30), backend: backend);
            // Warm-up: JIT, allocators, every model grain's activation and first forward pass.
            _ = await connection.Client.TagAsync(clips[0]);
            var partial = 0;
            var watch = Stopwatch.StartNew();
            await BenchClients.RunAsync(clients, clips.Length, async i =>
            {
                if ((await connection.Client.TagAsync(clips[i])).IsPartial)
                    Interlocked.Increment(ref partial);
            });
            var seconds = watch.Elapsed.TotalSeconds;
            await output.WriteLineAsync("| clips | models | TTA | clients | seconds | clips/s | model crops/s | partial answers |");
            await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {clipCount} | {perModel.Length} | {tta} | {clients} | {seconds:0.0} | {clipCount / seconds:0.0} | {(double)clipCount * tta * perModel.Length / seconds:0} | {partial} |"));
            return partial == 0 ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(run))
                Directory.Delete(run, recursive: true);
        }
    }

    /// <summary>A tone (or two) in noise under a random envelope, of a log-uniform length.</summary>
    private static ClipTagRequest Clip(int index, Random random)
    {
        var seconds = ShortestSeconds * Math.Pow(LongestSeconds / ShortestSeconds, random.NextDouble());
        var samples = new float[(int)(seconds * SampleRateHz)];
        var tones = new[] { 100 + random.NextDouble() * 4_000, 100 + random.NextDouble() * 8_000 };
        var noise = 0.02 + random.NextDouble() * 0.1;
        for (var t = 0; t < samples.Length; t++)
        {
            var time = (double)t / SampleRateHz;
            var envelope = 0.5 + 0.5 * Math.Sin(2 * Math.PI * 0.7 * time);
            samples[t] = (float)(envelope * 0.3 * (Math.Sin(2 * Math.PI * tones[0] * time) + 0.5 * Math.Sin(2 * Math.PI * tones[1] * time))
                + noise * (random.NextDouble() * 2 - 1));
        }
        return ClipTagRequest.FromBytes($"generated-{index:0000}.wav", WavWriter.ToPcm16Bytes(samples, SampleRateHz));
    }

}
