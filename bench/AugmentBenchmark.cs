using System.Diagnostics;
using System.Globalization;
using Ensemble.Audio.Augmentation;

namespace Ensemble.Bench;

/// <summary>`bench augment [seconds]`: single-thread throughput of each RECIPE SoX chain on noise, in audio-seconds per second.</summary>
internal static class AugmentBenchmark
{
    private const int SampleRateHz = 44100;
    private static readonly string[] RecipeChains =
    [
        "pitch -500", "pitch +500", "fade q 3", "reverb",
        "gain -h treble +20 bass +20", "gain -h treble -30 bass -30", "gain -h equalizer 2400 3q 8",
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        var random = new Random(1);
        var audio = Enumerable.Range(0, (int)(seconds * SampleRateHz)).Select(_ => (float)(0.3 * (2 * random.NextDouble() - 1))).ToArray();
        await output.WriteLineAsync($"| chain | audio s | wall s | audio-seconds/s |");
        await output.WriteLineAsync("|---|---:|---:|---:|");
        foreach (var text in RecipeChains)
        {
            var chain = SoxChain.Parse(text);
            chain.Apply(audio.AsSpan(0, SampleRateHz).ToArray(), SampleRateHz); // warm-up (JIT, kernel tables)
            var watch = Stopwatch.StartNew();
            var result = chain.Apply(audio, SampleRateHz);
            var wall = watch.Elapsed.TotalSeconds;
            if (result.Length == 0)
                throw new InvalidOperationException($"{text} produced no audio");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| `{text}` | {seconds:0} | {wall:0.000} | {seconds / wall:0} |"));
        }
        return 0;
    }
}
