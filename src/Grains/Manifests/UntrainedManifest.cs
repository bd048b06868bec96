using Ensemble.Audio;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Inference;
using Ensemble.Models;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Onnx;
using TorchSharp;
using Ensemble.Audio.Files;
using Ensemble.Settings;

namespace Ensemble.Grains.Manifests;

/// <summary>
/// A serving manifest of freshly initialised (untrained) small models exported to ONNX: for tests and benchmarks of
/// the serving path before a trained run exists. Scores are meaningless; timings and plumbing are real.
/// </summary>
public static class UntrainedManifest
{
    public const double DefaultWidthMultiplier = 0.125;

    public static ServingManifest Write(string folder, string[] labels, int models, AudioOptions audio,
        double widthMultiplier = DefaultWidthMultiplier, int seed = 0, int maxBatchCrops = ServedModel.DefaultMaxBatchCrops,
        double maxQueueDelayMs = ServedModel.DefaultMaxQueueDelayMs, string format = ServingModelRunnerFactory.OnnxFormat,
        string architecture = ModelSpec.CustomCnn)
    {
        if (format is not (ServingModelRunnerFactory.OnnxFormat or ServingModelRunnerFactory.TorchFormat))
            throw new ArgumentException($"format '{format}' is not onnx or torch", nameof(format));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(models);
        Directory.CreateDirectory(folder);
        var served = new ServedModel[models];
        for (var i = 0; i < models; i++)
        {
            var spec = new ModelSpec(architecture, architecture == ModelSpec.CustomCnn ? widthMultiplier : 1.0, labels.Length);
            using var generator = new torch.Generator(unchecked((ulong)(seed * 1000L + i)));
            using var model = ModelFactory.Create(spec, generator);
            model.eval();
            var file = $"{architecture}-untrained-{i}.{(format == ServingModelRunnerFactory.OnnxFormat ? "onnx" : "bin")}";
            var path = Path.Combine(folder, file);
            if (format == ServingModelRunnerFactory.OnnxFormat)
                OnnxExporter.ExportToFile(model, path, OnnxExportOptions.ForSettings(audio, labels, "untrained", dynamicFrames: false));
            else
                Checkpoint.Save(model, spec, labels, audio, "untrained", path);
            served[i] = new ServedModel($"{architecture}-{i}", format, architecture, file,
                Sha256.OfFile(path), 1, maxBatchCrops, maxQueueDelayMs);
        }
        var manifestPath = Path.Combine(folder, ServingManifestFile.FileName);
        ServingManifestFile.Write(manifestPath, new ServingManifest("file", labels, audio, served, ""));
        return ServingManifestFile.Read(manifestPath);
    }
}
