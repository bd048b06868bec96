using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Manifests;
using Ensemble.Audio.Files;
using Ensemble.Settings;

namespace Ensemble.Grains.Tests.Fakes;

/// <summary>Writes a serving manifest of <paramref name="models"/> freshly initialised linear models into a temp folder.</summary>
public sealed class TestManifests : IDisposable
{
    public const int Classes = 6;

    public TestManifests() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ensemble-serving-tests", Guid.NewGuid().ToString("N"));

    public ServingManifest Write(string name, int models, int seed = 0, int ttaCrops = 3, int maxBatchCrops = 64, double maxQueueDelayMs = 1, string idPrefix = "m")
    {
        var dir = Path.Combine(Folder, name);
        Directory.CreateDirectory(dir);
        var served = Enumerable.Range(0, models).Select(i =>
        {
            var weights = Path.Combine(dir, $"{idPrefix}{i}.bin");
            LinearTestRunnerFactory.WriteWeights(weights, Classes, seed * 100 + i);
            return new ServedModel($"{idPrefix}{i}", "linear", [new ModelFile("linear-test", $"{idPrefix}{i}.bin", Sha256.OfFile(weights))], 1 + i, maxBatchCrops, maxQueueDelayMs);
        }).ToArray();
        var labels = Enumerable.Range(0, Classes).Select(c => $"class_{c}").ToArray();
        var path = Path.Combine(dir, ServingManifestFile.FileName);
        ServingManifestFile.Write(path, new ServingManifest("file", labels, new AudioOptions(testTtaCrops: ttaCrops, ttaSeed: seed), served, ""));
        return ServingManifestFile.Read(path);
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }
}
