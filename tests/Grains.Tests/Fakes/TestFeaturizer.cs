using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Clips;

namespace Ensemble.Grains.Tests.Fakes;

/// <summary>
/// Treats the clip bytes as float32 samples and cuts TtaCrops deterministic, shifted 4×8 crops from them. Gates with
/// silo <see cref="GateSilo"/> and the clip name hold a request before its crops exist.
/// </summary>
public sealed class TestFeaturizer(RunnerGates? gates = null) : IClipFeaturizer
{
    public const string GateSilo = "featurizer";

    public ClipCrops Featurize(ClipTagRequest request, ServingManifest manifest)
    {
        gates?.Pass(GateSilo, request.ClipName);
        var bytes = request.WavBytes ?? File.ReadAllBytes(request.SharedPath!);
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
        if (samples.Length == 0)
            throw new ArgumentException($"{request.ClipName}: empty clip");
        var (mels, frames) = LinearTestRunnerFactory.CropShape;
        var size = mels * frames;
        var values = new float[manifest.Audio.TestTtaCrops * size];
        for (var k = 0; k < manifest.Audio.TestTtaCrops; k++)
        {
            for (var i = 0; i < size; i++)
                values[k * size + i] = samples[(i + k * (manifest.Audio.TtaSeed + 3)) % samples.Length];
        }
        return new ClipCrops(values, manifest.Audio.TestTtaCrops, mels, frames);
    }

    public static byte[] Clip(int seed, int samples = 100)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, samples).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}
