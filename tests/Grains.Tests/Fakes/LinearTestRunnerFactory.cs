using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Inference;
using Ensemble.Models.Inference;

namespace Ensemble.Grains.Tests.Fakes;

/// <summary>Loads <see cref="LinearTestRunner"/> weight files: int classes, then classes slopes and classes biases (float32 LE).</summary>
public sealed class LinearTestRunnerFactory(RunnerGates? gates = null, string silo = "local") : IModelRunnerFactory
{
    public static readonly (int MelBands, int Frames) CropShape = (4, 8);

    public IModelRunner Create(ServingManifest manifest, ServedModel model, ModelFile file, string device)
    {
        using var reader = new BinaryReader(File.OpenRead(file.Path));
        var classes = reader.ReadInt32();
        var slope = Enumerable.Range(0, classes).Select(_ => reader.ReadSingle()).ToArray();
        var bias = Enumerable.Range(0, classes).Select(_ => reader.ReadSingle()).ToArray();
        return new LinearTestRunner(slope, bias, CropShape, gates, silo, model.Id);
    }

    public static void WriteWeights(string path, int classes, int seed)
    {
        var random = new Random(seed);
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(classes);
        for (var i = 0; i < 2 * classes; i++)
            writer.Write((float)(random.NextDouble() * 4 - 2));
    }
}
