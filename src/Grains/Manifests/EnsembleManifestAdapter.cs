using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Training.Manifest;
using Ensemble.Audio.Files;
using Ensemble.Settings;

namespace Ensemble.Grains.Manifests;

/// <summary>
/// Serves a training run's ensemble.json: both files of every model (TorchSharp checkpoint and ONNX export, each with
/// its SHA-256; every silo loads the one its backend runs on its device) and blend weight, the
/// run's classes and settings record (AudioOptions: crops, TTA count and seed), so the cluster scores exactly what `ensemble predict` does.
/// Hashes are checked by each model grain when it loads, not here.
/// </summary>
public static class EnsembleManifestAdapter
{
    public static ServingManifest Read(string path)
    {
        var full = Path.GetFullPath(path);
        var manifest = EnsembleManifest.Load(full, verifyHashes: false);
        var folder = Path.GetDirectoryName(full)!;
        var models = manifest.Models.Select(m => new ServedModel(m.Name, m.Architecture,
            [
                new ModelFile(ModelFile.TorchFormat, Path.GetFullPath(m.Checkpoint, folder), m.CheckpointSha256),
                new ModelFile(ModelFile.OnnxFormat, Path.GetFullPath(m.Onnx, folder), m.OnnxSha256),
            ],
            m.Weight, ServedModel.DefaultMaxBatchCrops, ServedModel.DefaultMaxQueueDelayMs)).ToArray();
        var version = Sha256.OfFile(full)[..ServingManifestFile.VersionHexDigits];
        var serving = new ServingManifest(version, manifest.Classes.ToArray(), manifest.Audio, models, full);
        try
        {
            serving.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        return serving;
    }
}
