using Ensemble.Audio;
using Ensemble.Audio.Encoding;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Manifests;
using Ensemble.Settings;

namespace Ensemble.Cli.Tests.Serving;

/// <summary>A run folder with a serving manifest of two untrained small models (checkpoint + ONNX each) and a few synthetic WAV clips.</summary>
public sealed class UntrainedRun : IDisposable
{
    public const int TtaCrops = 3;
    public static readonly string[] Labels = ["Bark", "Chirp_and_tweet", "Hiss", "Zipper_(clothing)"];

    public UntrainedRun(int models = 2, int clips = 3)
    {
        Directory.CreateDirectory(ClipFolder);
        Manifest = UntrainedManifest.Write(RunFolder, Labels, models, new AudioOptions(testTtaCrops: TtaCrops, ttaSeed: 0), widthMultiplier: 0.0625);
        for (var i = 0; i < clips; i++)
        {
            var samples = new float[44_100 * (i + 1)];
            for (var t = 0; t < samples.Length; t++)
                samples[t] = 0.3f * MathF.Sin(2 * MathF.PI * (220 * (i + 1)) * t / 44_100f) + 0.01f * ((t * 7919 % 200) - 100) / 100f;
            WavWriter.WritePcm16(Path.Combine(ClipFolder, $"clip{i}.wav"), new AudioClip(samples, 44_100, $"clip{i}.wav"));
        }
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "ensemble-client-tests", Guid.NewGuid().ToString("N"));
    public string RunFolder => Path.Combine(Root, "run");
    public string ClipFolder => Path.Combine(Root, "clips");
    public ServingManifest Manifest { get; }

    public string[] Clips() => Directory.GetFiles(ClipFolder, "*.wav").Order(StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }
}
