using Ensemble.Models.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;
using Ensemble.Settings;

namespace Ensemble.Models.Tests.Checkpoints;

public sealed class CheckpointTests
{
    private static readonly AudioOptions TrainedAudio = AudioOptions.Default;

    private static readonly string[] Classes = ["Bark", "Chirp", "Zipper"];
    private static readonly ModelSpec Spec = new(ModelSpec.CustomCnn, widthMultiplier: 0.125, classes: 3);

    [Fact]
    public void SaveThenLoad_GivesTheSameFunctionAndSidecar()
    {
        using var dir = new TempDirectory();
        var path = dir.File("fold0.weights");
        using var model = ModelFactory.Create(Spec);
        model.eval();
        var saved = Checkpoint.Save(model, Spec, Classes, TrainedAudio, "run-7", path);

        using var loaded = Checkpoint.Load(path, new CheckpointExpectation(ModelSpec.CustomCnn, Classes, TrainedAudio));
        Assert.Equal(Classes, loaded.Metadata.Classes);
        Assert.Equal(("customcnn", 0.125, TrainedAudio, "run-7", "fold0.weights"),
            (loaded.Metadata.Architecture, loaded.Metadata.WidthMultiplier, loaded.Metadata.Audio, loaded.Metadata.TrainingRunId, loaded.Metadata.WeightsFile));
        Assert.Equal(saved, loaded.Metadata with { Classes = saved.Classes });
        Assert.Equal(64, loaded.Metadata.WeightsSha256.Length);
        using var noGrad = no_grad();
        using var input = randn(2, 1, 128, 128);
        using var expected = model.forward(input);
        using var actual = loaded.Model.forward(input);
        Assert.True(actual.allclose(expected, rtol: 0, atol: 0));
        Assert.Equal(["fold0.weights", "fold0.weights.json"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Save_OverwritesAtomicallyAndLeavesNoTemporaryFiles()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.weights");
        using var first = ModelFactory.Create(Spec);
        using var second = ModelFactory.Create(Spec);
        var a = Checkpoint.Save(first, Spec, Classes, TrainedAudio, "run-1", path);
        var b = Checkpoint.Save(second, Spec, Classes, TrainedAudio, "run-2", path);
        Assert.NotEqual(a.WeightsSha256, b.WeightsSha256);
        Assert.Equal("run-2", Checkpoint.ReadMetadata(path).TrainingRunId);
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
        using var loaded = Checkpoint.Load(path);
        Assert.Equal(b.WeightsSha256, loaded.Metadata.WeightsSha256);
    }

    [Fact]
    public void WrongArchitecture_IsRefused()
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, new CheckpointExpectation(Architecture: ModelSpec.Inception3)));
            Assert.Equal(CheckpointProblem.WrongArchitecture, error.Problem);
            Assert.Contains("customcnn", error.Message, StringComparison.Ordinal);
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OtherClassList_IsRefused()
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, new CheckpointExpectation(Classes: ["Bark", "Zipper", "Chirp"])));
            Assert.Equal(CheckpointProblem.ClassListMismatch, error.Problem);
            Assert.Contains("index 1", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OtherAudioOptions_AreRefused()
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            var error = Assert.Throws<AudioOptionsMismatchException>(() => Checkpoint.Load(path,
                new CheckpointExpectation(Audio: new AudioOptions(logMel: new LogMelOptions(hopLengthSamples: 512), ttaSeed: 3))));
            Assert.Equal(Checkpoint.SidecarPath(path), error.File);
            Assert.Equal(["LogMel.hop: 694 vs 512", "Tta.seed: 2019 vs 3"], error.Differences);
        }
    }

    [Fact]
    public void A_format_1_sidecar_asks_for_a_retrain()
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            var sidecar = Checkpoint.SidecarPath(path);
            File.WriteAllText(sidecar, File.ReadAllText(sidecar).Replace("\"formatVersion\": 2", "\"formatVersion\": 1", StringComparison.Ordinal));
            var error = Assert.Throws<OutdatedFormatException>(() => Checkpoint.Load(path));
            Assert.Contains("retrain", error.Message, StringComparison.Ordinal);
            Assert.Equal(sidecar, error.File);
        }
    }

    [Fact]
    public void TruncatedWeights_AreRefused()
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            var error = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path));
            Assert.Equal(CheckpointProblem.Truncated, error.Problem);
            Assert.Equal(path, error.File);
        }
    }

    [Fact]
    public void CorruptedWeights_FailTheHash()
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            var bytes = File.ReadAllBytes(path);
            bytes[^5] ^= 0xFF;
            File.WriteAllBytes(path, bytes);
            Assert.Equal(CheckpointProblem.HashMismatch, Assert.Throws<CheckpointException>(() => Checkpoint.Load(path)).Problem);
        }
    }

    [Fact]
    public void MissingOrBrokenSidecar_IsRefused()
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            File.WriteAllText(Checkpoint.SidecarPath(path), "{ not json");
            Assert.Equal(CheckpointProblem.InvalidSidecar, Assert.Throws<CheckpointException>(() => Checkpoint.Load(path)).Problem);
            File.Delete(Checkpoint.SidecarPath(path));
            Assert.Equal(CheckpointProblem.MissingFile, Assert.Throws<CheckpointException>(() => Checkpoint.Load(path)).Problem);
        }
    }

    // Found by the fuzzer (bench/Fuzz): a sidecar holding a JSON array or number threw InvalidOperationException, and
    // settings that fail their own validation threw ArgumentException; both are now the typed sidecar error.
    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("7")]
    [InlineData("\"formatVersion\"")]
    public void A_sidecar_that_is_not_an_object_is_an_invalid_sidecar(string json)
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            File.WriteAllText(Checkpoint.SidecarPath(path), json);
            var error = Assert.Throws<CheckpointException>(() => Checkpoint.ReadMetadata(path));
            Assert.Equal(CheckpointProblem.InvalidSidecar, error.Problem);
            Assert.Contains(Checkpoint.SidecarPath(path), error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Settings_that_fail_validation_and_unknown_fields_are_an_invalid_sidecar()
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            var sidecar = Checkpoint.SidecarPath(path);
            var saved = File.ReadAllText(sidecar);
            File.WriteAllText(sidecar, saved.Replace("\"testTtaCrops\": 20", "\"testTtaCrops\": -3", StringComparison.Ordinal));
            var error = Assert.Throws<CheckpointException>(() => Checkpoint.ReadMetadata(path));
            Assert.IsType<ArgumentException>(error.InnerException);
            File.WriteAllText(sidecar, saved.Replace("\"formatVersion\"", "\"typo\": 1, \"formatVersion\"", StringComparison.Ordinal));
            Assert.Equal(CheckpointProblem.InvalidSidecar, Assert.Throws<CheckpointException>(() => Checkpoint.ReadMetadata(path)).Problem);
        }
    }

    [Fact]
    public void WeightsOfAnotherShape_AreRefused()
    {
        var path = SaveOne(out var dir);
        using (dir)
        {
            var sidecar = Checkpoint.SidecarPath(path);
            File.WriteAllText(sidecar, File.ReadAllText(sidecar).Replace("\"widthMultiplier\": 0.125", "\"widthMultiplier\": 0.25", StringComparison.Ordinal));
            Assert.Equal(0.25, Checkpoint.ReadMetadata(path).WidthMultiplier);
            Assert.Equal(CheckpointProblem.WeightsDoNotFit, Assert.Throws<CheckpointException>(() => Checkpoint.Load(path)).Problem);
        }
    }

    [Fact]
    public void ClassCountNotMatchingTheModel_IsRejectedOnSave()
    {
        using var dir = new TempDirectory();
        using var model = ModelFactory.Create(Spec);
        var error = Assert.Throws<ArgumentException>(() => Checkpoint.Save(model, Spec, ["only-one"], TrainedAudio, "r", dir.File("x")));
        Assert.Equal("classes", error.ParamName);
    }

    private static string SaveOne(out TempDirectory dir)
    {
        dir = new TempDirectory();
        var path = dir.File("model.weights");
        using var model = ModelFactory.Create(Spec);
        Checkpoint.Save(model, Spec, Classes, TrainedAudio, "run-1", path);
        return path;
    }
}
