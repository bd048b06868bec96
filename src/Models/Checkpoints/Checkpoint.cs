using System.Text.Json;
using System.Text.Json.Serialization;
using Ensemble.Settings;
using TorchSharp;
using static TorchSharp.torch;
using Ensemble.Audio.Files;

namespace Ensemble.Models.Checkpoints;

/// <summary>
/// Saves and loads checkpoints: <c>NAME</c> holds the weights in TorchSharp's format (<c>Module.save</c>),
/// <c>NAME.json</c> the <see cref="CheckpointMetadata"/>. Both are written to a temporary file in the same folder
/// and renamed into place (weights first, sidecar last), so a reader never sees half a file and a crash leaves
/// either the old checkpoint or the new one.
/// </summary>
public static class Checkpoint
{
    public const string SidecarSuffix = ".json";

    public static string SidecarPath(string weightsPath) => weightsPath + SidecarSuffix;

    public static CheckpointMetadata Save(
        nn.Module<Tensor, Tensor> model, ModelSpec spec, IReadOnlyList<string> classes, AudioOptions audio, string trainingRunId, string weightsPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentException.ThrowIfNullOrWhiteSpace(trainingRunId);
        ArgumentException.ThrowIfNullOrWhiteSpace(weightsPath);
        if (classes.Count != spec.Classes)
            throw new ArgumentException($"the model has {spec.Classes} outputs but {classes.Count} class names were given", nameof(classes));
        if (classes.Distinct(StringComparer.Ordinal).Count() != classes.Count)
            throw new ArgumentException("class names must be unique", nameof(classes));

        byte[] weights;
        using (var buffer = new MemoryStream())
        {
            model.save(buffer);
            weights = buffer.ToArray();
        }
        var metadata = new CheckpointMetadata
        {
            FormatVersion = CheckpointMetadata.CurrentFormatVersion,
            Architecture = spec.Architecture,
            WidthMultiplier = spec.WidthMultiplier,
            Classes = [.. classes],
            Audio = audio,
            TrainingRunId = trainingRunId,
            WeightsFile = Path.GetFileName(weightsPath),
            WeightsBytes = weights.LongLength,
            WeightsSha256 = Sha256.Of(weights),
        };
        AtomicFile.WriteAllBytes(weightsPath, weights);
        AtomicFile.WriteAllBytes(SidecarPath(weightsPath), JsonSerializer.SerializeToUtf8Bytes(metadata, EnsembleJson.Options));
        return metadata;
    }

    /// <summary>Reads and checks the sidecar only (no weights hash): cheap, for listings.</summary>
    public static CheckpointMetadata ReadMetadata(string weightsPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(weightsPath);
        var sidecar = SidecarPath(weightsPath);
        if (!File.Exists(sidecar))
            throw new CheckpointException(sidecar, CheckpointProblem.MissingFile, "the sidecar does not exist");
        CheckpointMetadata? metadata;
        var version = ReadFormatVersion(sidecar);
        if (version != CheckpointMetadata.CurrentFormatVersion)
            throw new OutdatedFormatException(sidecar, version, CheckpointMetadata.CurrentFormatVersion);
        try
        {
            metadata = JsonSerializer.Deserialize<CheckpointMetadata>(File.ReadAllBytes(sidecar), EnsembleJson.Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // ArgumentException: the settings record validates itself inside deserialization.
            throw new CheckpointException(sidecar, CheckpointProblem.InvalidSidecar, e.Message, e);
        }
        if (metadata is null || metadata.Classes is null || metadata.Architecture is null || metadata.Audio is null)
            throw new CheckpointException(sidecar, CheckpointProblem.InvalidSidecar, "empty or incomplete sidecar");
        try
        {
            _ = metadata.ToSpec();
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException(sidecar, CheckpointProblem.InvalidSidecar, e.Message, e);
        }
        return metadata;
    }

    /// <summary>Verifies size, SHA-256 and compatibility, then builds the network and loads the weights strictly by name.</summary>
    public static LoadedCheckpoint Load(string weightsPath, CheckpointExpectation? expectation = null)
    {
        var metadata = ReadMetadata(weightsPath);
        Verify(weightsPath, metadata, expectation ?? CheckpointExpectation.Any);
        if (!File.Exists(weightsPath))
            throw new CheckpointException(weightsPath, CheckpointProblem.MissingFile, "the weights file does not exist");
        var weights = File.ReadAllBytes(weightsPath);
        if (weights.LongLength != metadata.WeightsBytes)
            throw new CheckpointException(weightsPath, CheckpointProblem.Truncated, $"{weights.LongLength} bytes on disk, the sidecar recorded {metadata.WeightsBytes}");
        var sha = Sha256.Of(weights);
        if (!string.Equals(sha, metadata.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            throw new CheckpointException(weightsPath, CheckpointProblem.HashMismatch, $"SHA-256 {sha}, the sidecar recorded {metadata.WeightsSha256}");

        var model = ModelFactory.Create(metadata.ToSpec());
        try
        {
            using (var stream = new MemoryStream(weights, writable: false))
                model.load(stream, strict: true);
            model.eval();
            var loaded = new LoadedCheckpoint(model, metadata);
            model = null; // owned by the checkpoint from here on
            return loaded;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or KeyNotFoundException)
        {
            throw new CheckpointException(weightsPath, CheckpointProblem.WeightsDoNotFit, e.Message, e);
        }
        finally
        {
            model?.Dispose();
        }
    }

    private static void Verify(string weightsPath, CheckpointMetadata metadata, CheckpointExpectation expectation)
    {
        if (expectation.Architecture is { } arch && arch != metadata.Architecture)
            throw new CheckpointException(weightsPath, CheckpointProblem.WrongArchitecture, $"holds {metadata.Architecture}, expected {arch}");
        if (expectation.Classes is { } classes && !classes.SequenceEqual(metadata.Classes, StringComparer.Ordinal))
        {
            var firstDifference = Enumerable.Range(0, Math.Min(classes.Count, metadata.Classes.Count)).FirstOrDefault(i => classes[i] != metadata.Classes[i], -1);
            var where = firstDifference >= 0
                ? $"first difference at index {firstDifference}: '{metadata.Classes[firstDifference]}' vs expected '{classes[firstDifference]}'"
                : $"{metadata.Classes.Count} classes vs expected {classes.Count}";
            throw new CheckpointException(weightsPath, CheckpointProblem.ClassListMismatch, where);
        }
        if (expectation.Audio is { } audio)
            AudioOptionsMismatchException.ThrowIfDifferent(SidecarPath(weightsPath), metadata.Audio, audio);
    }

    /// <summary>The sidecar's formatVersion alone, read before the rest so an old sidecar gets the "retrain" error, not a parse error.</summary>
    private static int ReadFormatVersion(string sidecar)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(sidecar));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new CheckpointException(sidecar, CheckpointProblem.InvalidSidecar, $"the sidecar holds a JSON {document.RootElement.ValueKind}, not an object");
            return document.RootElement.TryGetProperty("formatVersion", out var version) && version.TryGetInt32(out var value)
                ? value
                : throw new CheckpointException(sidecar, CheckpointProblem.InvalidSidecar, "no formatVersion");
        }
        catch (JsonException e)
        {
            throw new CheckpointException(sidecar, CheckpointProblem.InvalidSidecar, e.Message, e);
        }
    }
}
