using System.Text.Json.Nodes;
using Ensemble.Audio.Files;
using Ensemble.Settings;
using Ensemble.Training.Manifest;
using Ensemble.Training.Tests.TestSupport;

namespace Ensemble.Training.Tests.Manifest;

public sealed class EnsembleManifestTests
{
    [Fact]
    public void Both_files_of_every_model_are_required_and_verified()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "m.weights"), "checkpoint");
        File.WriteAllText(Path.Combine(folder.Path, "m.onnx"), "onnx");
        var model = new ManifestModel("m-fold0", "customcnn", 0.125, 0, 1, "m.weights", Sha256.OfFile(Path.Combine(folder.Path, "m.weights")),
            "m.onnx", Sha256.OfFile(Path.Combine(folder.Path, "m.onnx")), 0.5);
        var path = Path.Combine(folder.Path, EnsembleManifest.FileName);
        new EnsembleManifest(EnsembleManifest.CurrentFormatVersion, "run", "commit", "data", ["a"], AudioOptions.Default, "oof", [model]).Save(path);
        Assert.Equal("m.onnx", EnsembleManifest.Load(path).Models[0].Onnx);

        File.AppendAllText(Path.Combine(folder.Path, "m.onnx"), "!");
        Assert.Contains("'m.onnx' has SHA-256", Assert.Throws<InvalidDataException>(() => EnsembleManifest.Load(path)).Message, StringComparison.Ordinal);

        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["models"]![0]!["onnx"] = ""; // what a run trained with exportOnnx false wrote
        File.WriteAllText(path, json.ToJsonString());
        var error = Assert.Throws<InvalidDataException>(() => EnsembleManifest.Load(path));
        Assert.Contains("'m-fold0' must list both its checkpoint and its ONNX file", error.Message, StringComparison.Ordinal);

        json["models"]![0]!["onnx"] = null; // the strict reader names the field
        File.WriteAllText(path, json.ToJsonString());
        error = Assert.Throws<InvalidDataException>(() => EnsembleManifest.Load(path));
        Assert.Contains("onnx", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    // Found by the fuzzer (bench/Fuzz): settings failing their own validation threw ArgumentException, a null model
    // entry NullReferenceException; both are now InvalidDataException naming the file.
    [Theory]
    [InlineData("audio.testTtaCrops", "0")]
    [InlineData("models.0", "null")]
    [InlineData("classes.0", "\"\"")]
    public void Invalid_entries_are_invalid_data_naming_the_file(string field, string value)
    {
        using var folder = new TempFolder();
        var model = new ManifestModel("m-fold0", "customcnn", 0.125, 0, 1, "m.weights", new string('a', 64), "m.onnx", new string('b', 64), 1);
        var path = Path.Combine(folder.Path, EnsembleManifest.FileName);
        new EnsembleManifest(EnsembleManifest.CurrentFormatVersion, "run", "commit", "data", ["a"], AudioOptions.Default, "oof", [model]).Save(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var parts = field.Split('.');
        var parent = json[parts[0]]!;
        if (int.TryParse(parts[1], out var index))
            parent[index] = JsonNode.Parse(value);
        else
            parent[parts[1]] = JsonNode.Parse(value);
        File.WriteAllText(path, json.ToJsonString());
        var error = Assert.Throws<InvalidDataException>(() => EnsembleManifest.Load(path, verifyHashes: false));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
