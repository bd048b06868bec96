using System.Text;
using Ensemble.Audio;
using Ensemble.Audio.Decoding;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Manifests;
using Ensemble.Models.Checkpoints;
using Ensemble.Settings;
using Ensemble.Training.Data;
using Ensemble.Training.Recipes;
using Ensemble.Training.Submissions;

namespace Ensemble.Fuzz.Targets;

/// <summary>Every reader of a file that comes from outside: what the product decodes, parses or loads.</summary>
internal static class FuzzTargets
{
    // Allocation bounds. WAV: the file, its float samples and the 44.1 kHz resampled copy (a 1-byte 8 kHz sample
    // becomes 5.5 floats) stay under 64 B per input byte; the resampler's sinc tables add up to 8 MiB once per
    // rate pair. Text: the string, the parser's tokens and the records stay under 48 B per byte; 1 MiB for buffers.
    private const long WavBytesPerInputByte = 64;
    private const long WavFixedBytes = 8L << 20;
    private const long TextBytesPerInputByte = 48;
    private const long TextFixedBytes = 1L << 20;

    private static readonly byte[][] JsonTokens = Tokens(
        "null", "-1", "0", "1e309", "-2147483649", "4294967296", "\"\"", "\"x\"", "[]", "{}", "[null]", "true", "NaN",
        "\"NaN\"", "\"-Infinity\"", "1.5", ",", ":", "\"\\u0000\"", "\"../../etc/passwd\"", "\"Hann\"", "\"Slaney\"", new string('9', 400));

    private static readonly byte[][] CsvTokens = Tokens(
        ",", "\"", "\"\"", "\n", "\r\n", "NaN", "-Infinity", "1e39", "-0", "Accordion", "\"Bark,Drip\"", "../x.wav", "\0", "fname", "\uFEFF");

    private static readonly byte[][] WavTokens = Tokens("RIFF", "WAVE", "fmt ", "data", "LIST", "fact", "\u00FF\u00FF\u00FF\u00FF", "\u00FF\u00FF\u00FF\u007F", "\u00FE\u00FF", "\0\0\0\0");

    /// <summary>The targets' names, known without building their seeds.</summary>
    public static IReadOnlyList<string> Names { get; } = ["wav", "labels", "submission", "recipe", "ensemble-manifest", "checkpoint-sidecar", "serving-manifest"];

    /// <summary>
    /// Builds every target with its seeds. A method, not a static list: under afl-fuzz the instrumented readers (which
    /// also make the seeds) must not run before SharpFuzz has mapped afl's shared memory.
    /// </summary>
    public static IReadOnlyList<FuzzTarget> Create()
    {
        var classes = new ClassList(["Accordion", "Bark", "Drip", "Applause"]);
        return
        [
            new("wav", "clip.wav", path => _ = WavDecoder.Decode(path), Types(typeof(AudioFormatException)),
                SeedFiles.Wavs(), WavTokens, WavFixedBytes, WavBytesPerInputByte),
            new("labels", "train_curated.csv", path => ReadLabels(path, classes), Types(typeof(DatasetFormatException)),
                [SeedFiles.Embedded("train_curated.csv"), SeedFiles.Text("fname,labels\n\"a.wav\",\"Bark,Drip\"\n")], CsvTokens, TextFixedBytes, TextBytesPerInputByte),
            new("submission", "submission.csv", path => _ = SubmissionCsv.Read(path), Types(typeof(DatasetFormatException)),
                [SeedFiles.Embedded("sample_submission.csv"), SeedFiles.Text("fname,Bark,Drip\na.wav,0.25,1e-3\n")], CsvTokens, TextFixedBytes, TextBytesPerInputByte),
            new("recipe", "recipe.json", path => _ = RecipeJson.Load(path), Types(typeof(RecipeException)),
                [SeedFiles.Embedded("recipe.json")], JsonTokens, TextFixedBytes, TextBytesPerInputByte),
            new("ensemble-manifest", "ensemble.json", path => _ = EnsembleManifestAdapter.Read(path), Types(typeof(InvalidDataException), typeof(OutdatedFormatException)),
                [SeedFiles.Embedded("ensemble.json")], JsonTokens, TextFixedBytes, TextBytesPerInputByte),
            new("checkpoint-sidecar", "best.weights" + Checkpoint.SidecarSuffix, ReadSidecar, Types(typeof(CheckpointException), typeof(OutdatedFormatException)),
                [SeedFiles.Embedded("best.weights.json")], JsonTokens, TextFixedBytes, TextBytesPerInputByte),
            new("serving-manifest", ServingManifestFile.FileName, path => _ = ServingManifestFile.Read(path), Types(typeof(InvalidDataException), typeof(OutdatedFormatException)),
                [ServingManifestSeed()], JsonTokens, TextFixedBytes, TextBytesPerInputByte),
        ];
    }

    public static FuzzTarget Named(string name) =>
        Create().FirstOrDefault(t => t.Name == name)
        ?? throw new ArgumentException($"unknown fuzz target '{name}'; known: {string.Join(", ", Names)}", nameof(name));

    private static void ReadLabels(string path, ClassList classes)
    {
        var issues = new List<DatasetIssue>();
        _ = LabelCsvReader.Read(path, audioDirectory: null, classes, issues);
        // Row problems are collected, not thrown: each must still name the file.
        var unnamed = issues.FirstOrDefault(i => i.File != path);
        if (unnamed is not null)
            throw new InvalidOperationException($"a label issue names '{unnamed.File}' instead of {path}");
    }

    private static void ReadSidecar(string path) =>
        _ = Checkpoint.ReadMetadata(path[..^Checkpoint.SidecarSuffix.Length]);

    private static byte[] ServingManifestSeed()
    {
        var manifest = new ServingManifest("file", ["Bark", "Drip"], AudioOptions.Default,
            [new ServedModel("customcnn-fold0", "customcnn", [new ModelFile(ModelFile.TorchFormat, "m.weights", new string('a', 64)), new ModelFile(ModelFile.OnnxFormat, "m.onnx", new string('b', 64))], 1, ServedModel.DefaultMaxBatchCrops, ServedModel.DefaultMaxQueueDelayMs)],
            "");
        var path = Path.Combine(Path.GetTempPath(), $"ensemble-fuzz-seed-{Environment.ProcessId}.json");
        try
        {
            ServingManifestFile.Write(path, manifest);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static HashSet<Type> Types(params Type[] types) => [.. types];

    private static byte[][] Tokens(params string[] tokens) => [.. tokens.Select(t => Encoding.Latin1.GetBytes(t))];
}
