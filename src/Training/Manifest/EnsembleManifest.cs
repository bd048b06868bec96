using System.Text.Json;
using System.Text.Json.Serialization;
using Ensemble.Audio;
using Ensemble.Audio.Files;
using Ensemble.Settings;

namespace Ensemble.Training.Manifest;

/// <summary>
/// ensemble.json: what serving loads from a run folder: every model (path, SHA-256, architecture, fold, weight), the
/// class list in output order and the settings record the models were trained with (<see cref="AudioOptions"/>:
/// decoding, log-mel, crops, normalisation, TTA counts and seed; crop starts come from CropSampler.TtaStarts(logMel,
/// fname, Audio.TtaSeed, count)). Paths are relative to the manifest's folder.
/// </summary>
public sealed record EnsembleManifest(
    int FormatVersion,
    string RunName,
    string GitCommit,
    string DataFingerprint,
    IReadOnlyList<string> Classes,
    AudioOptions Audio,
    string Blend,
    IReadOnlyList<ManifestModel> Models)
{
    public const string FileName = "ensemble.json";
    /// <summary>2: the settings record carries the TTA seed and normalisation (format 1 kept them beside it).</summary>
    public const int CurrentFormatVersion = 2;

    public void Save(string path)
    {
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, EnsembleJson.Options) + "\n");
    }

    /// <summary>Loads and checks a manifest: format version, both files of every model listed, weights summing to 1, every file present with its SHA-256.</summary>
    public static EnsembleManifest Load(string path, bool verifyHashes = true)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: ensemble manifest not found", path);
        EnsembleManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<EnsembleManifest>(File.ReadAllText(path), EnsembleJson.Options)
                ?? throw new InvalidDataException($"{path}: holds null");
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: the settings record validates itself inside deserialization.
            throw new InvalidDataException($"{path}: not an ensemble manifest ({e.Message})", e);
        }
        if (manifest.FormatVersion != CurrentFormatVersion)
            throw new OutdatedFormatException(path, manifest.FormatVersion, CurrentFormatVersion);
        if (manifest.Models.Any(m => m is null) || manifest.Classes.Any(string.IsNullOrWhiteSpace))
            throw new InvalidDataException($"{path}: models or classes hold a null or empty entry");
        if (manifest.Models.Count == 0)
            throw new InvalidDataException($"{path}: lists no model");
        foreach (var model in manifest.Models)
        {
            if (string.IsNullOrWhiteSpace(model.Checkpoint) || string.IsNullOrWhiteSpace(model.CheckpointSha256)
                || string.IsNullOrWhiteSpace(model.Onnx) || string.IsNullOrWhiteSpace(model.OnnxSha256))
                throw new InvalidDataException($"{path}: model '{model.Name}' must list both its checkpoint and its ONNX file with their SHA-256 (retrain with this build)");
        }
        var sum = manifest.Models.Sum(m => m.Weight);
        if (Math.Abs(sum - 1) > 1e-6 || manifest.Models.Any(m => m.Weight < 0))
            throw new InvalidDataException($"{path}: model weights must be non-negative and sum to 1, they sum to {sum}");
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (verifyHashes)
        {
            foreach (var model in manifest.Models)
            {
                Verify(folder, model.Checkpoint, model.CheckpointSha256, path);
                Verify(folder, model.Onnx, model.OnnxSha256, path);
            }
        }
        return manifest;
    }

    private static void Verify(string folder, string relative, string expected, string manifestPath)
    {
        var file = Path.Combine(folder, relative);
        if (!File.Exists(file))
            throw new InvalidDataException($"{manifestPath}: model file '{relative}' is missing");
        var actual = Sha256.OfFile(file);
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{manifestPath}: '{relative}' has SHA-256 {actual}, the manifest says {expected}");
    }
}
