using System.Diagnostics;
using System.Globalization;
using Ensemble.Audio;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Features;
using Ensemble.Settings;

namespace Ensemble.Bench;

/// <summary>
/// `bench features DIR [--threads 1,2] [--repeats 3]`: decode + log-mel of every *.wav in DIR (files read from disk each pass),
/// clips/s and audio-seconds/s per thread count; the best of the repeats after one warm-up pass.
/// Peer: bench/compare_logmel_bench.py times torchaudio on the same files.
/// </summary>
internal static class FeatureBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length == 0 || !Directory.Exists(args[0]))
        {
            await output.WriteLineAsync("usage: bench features DIR [--threads 1,2] [--repeats 3]   (DIR: a folder of .wav files)");
            return 2;
        }
        var folder = args[0];
        var threadCounts = BenchArgs.Option(args, "--threads", "1,2").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var repeats = int.Parse(BenchArgs.Option(args, "--repeats", "3"), CultureInfo.InvariantCulture);
        var files = Directory.GetFiles(folder, "*.wav").Order(StringComparer.Ordinal).ToArray();
        var options = AudioOptions.Default;
        var extractor = new LogMelExtractor(options.LogMel);

        var audioSeconds = Pass(files, extractor, options, threadCounts.Max()); // warm-up: JIT, page cache
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{files.Length} clips, {audioSeconds:0.0} s of audio, {Environment.ProcessorCount} cores, log-mel {options.LogMel.StableHash()}"));
        await output.WriteLineAsync("| threads | clips/s | audio-s/s | wall s (best of " + repeats + ") | audio-s per CPU-s |");
        await output.WriteLineAsync("|---:|---:|---:|---:|---:|");
        foreach (var threads in threadCounts)
        {
            var best = double.MaxValue;
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            for (var r = 0; r < repeats; r++)
            {
                var watch = Stopwatch.StartNew();
                Pass(files, extractor, options, threads);
                best = Math.Min(best, watch.Elapsed.TotalSeconds);
            }
            process.Refresh();
            // CPU time per pass (all repeats averaged): a load-independent view when other work shares the cores.
            var cpuPerPass = (process.TotalProcessorTime - cpuBefore).TotalSeconds / repeats;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {threads} | {files.Length / best:0.0} | {audioSeconds / best:0.0} | {best:0.000} | {audioSeconds / cpuPerPass:0} |"));
        }
        return 0;
    }

    private static double Pass(string[] files, LogMelExtractor extractor, AudioOptions options, int threads)
    {
        double totalSeconds = 0;
        var gate = new Lock();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = threads }, file =>
        {
            var clip = WavDecoder.Decode(file, options.Decoding);
            var logMel = extractor.Compute(clip);
            GC.KeepAlive(logMel);
            lock (gate)
                totalSeconds += clip.DurationSeconds;
        });
        return totalSeconds;
    }
}
