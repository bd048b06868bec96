using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Models;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Onnx;
using TorchSharp;
using Ensemble.Audio.Files;
using Ensemble.Settings;

namespace Ensemble.Grains.Manifests;

/// <summary>
/// A serving manifest of freshly initialised (untrained) small models, each saved as a TorchSharp checkpoint and
/// exported to ONNX like a training run's: for tests and benchmarks of the serving path (either backend) before a
/// trained run exists. Scores are meaningless; timings and plumbing are real.
/// </summary>
public static class UntrainedManifest
{
    public const double DefaultWidthMultiplier = 0.125;

    public static ServingManifest Write(string folder, string[] labels, int models, AudioOptions audio,
        double widthMultiplier = DefaultWidthMultiplier, int seed = 0, int maxBatchCrops = ServedModel.DefaultMaxBatchCrops,
        double maxQueueDelayMs = ServedModel.DefaultMaxQueueDelayMs, string architecture = ModelSpec.CustomCnn)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(models);
        return Write(folder, labels, Enumerable.Repeat(architecture, models).ToArray(), audio, widthMultiplier, seed, maxBatchCrops, maxQueueDelayMs);
    }

    /// <summary>One model per entry of <paramref name="architectures"/> (e.g. 5 folds × 3 architectures: 15 entries).</summary>
    public static ServingManifest Write(string folder, string[] labels, IReadOnlyList<string> architectures, AudioOptions audio,
        double widthMultiplier = DefaultWidthMultiplier, int seed = 0, int maxBatchCrops = ServedModel.DefaultMaxBatchCrops,
        double maxQueueDelayMs = ServedModel.DefaultMaxQueueDelayMs)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        ArgumentOutOfRangeException.ThrowIfZero(architectures.Count);
        Directory.CreateDirectory(folder);
        var served = new ServedModel[architectures.Count];
        for (var i = 0; i < architectures.Count; i++)
        {
            var architecture = architectures[i];
            var spec = new ModelSpec(architecture, architecture == ModelSpec.CustomCnn ? widthMultiplier : 1.0, labels.Length);
            using var generator = new torch.Generator(unchecked((ulong)(seed * 1000L + i)));
            using var model = ModelFactory.Create(spec, generator);
            model.eval();
            var checkpoint = $"{architecture}-untrained-{i}.bin";
            var onnx = $"{architecture}-untrained-{i}.onnx";
            Checkpoint.Save(model, spec, labels, audio, "untrained", Path.Combine(folder, checkpoint));
            OnnxExporter.ExportToFile(model, Path.Combine(folder, onnx), OnnxExportOptions.ForSettings(audio, labels, "untrained"));
            served[i] = new ServedModel($"{architecture}-{i}", architecture,
                [
                    new ModelFile(ModelFile.TorchFormat, checkpoint, Sha256.OfFile(Path.Combine(folder, checkpoint))),
                    new ModelFile(ModelFile.OnnxFormat, onnx, Sha256.OfFile(Path.Combine(folder, onnx))),
                ],
                1, maxBatchCrops, maxQueueDelayMs);
        }
        var manifestPath = Path.Combine(folder, ServingManifestFile.FileName);
        ServingManifestFile.Write(manifestPath, new ServingManifest("file", labels, audio, served, ""));
        return ServingManifestFile.Read(manifestPath);
    }
}
