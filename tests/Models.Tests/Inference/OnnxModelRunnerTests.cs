using Ensemble.Models.Architectures;
using Ensemble.Models.Inference;
using Ensemble.Models.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using static Ensemble.Models.Tests.Onnx.OnnxTestModels;
using Ensemble.Settings;

namespace Ensemble.Models.Tests.Inference;

public sealed class OnnxModelRunnerTests
{
    private const int Mels = 32;
    private const int Frames = 24;
    private const int Classes = 5;

    private static readonly Lazy<byte[]> TinyModel = new(() =>
    {
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.125, classes: Classes, hiddenUnits: 16));
        RandomizeLikeTrained(model, seed: 11);
        return OnnxExporter.Export(model, new OnnxExportOptions(melBands: Mels, frames: Frames, classNames: ["a", "b", "c", "d", "e"])).ToByteArray();
    });

    [Fact]
    public void Options_defaults_are_pinned()
    {
        var options = new OnnxModelRunnerOptions();
        Assert.Equal(0, OnnxModelRunnerOptions.DefaultIntraOpNumThreads);
        Assert.Equal(1, OnnxModelRunnerOptions.DefaultInterOpNumThreads);
        Assert.Equal(ExecutionMode.ORT_SEQUENTIAL, options.ExecutionMode);
        Assert.Equal(GraphOptimizationLevel.ORT_ENABLE_ALL, options.GraphOptimizationLevel);
        Assert.Null(options.CropFrames);
        Assert.False(options.AllowSpinning);
        Assert.Null(options.MaxBatchPerRun);
    }

    [Theory]
    [InlineData(-1, 1, 10, 1, "intraOpNumThreads")]
    [InlineData(1, -1, 10, 1, "interOpNumThreads")]
    [InlineData(1, 1, 0, 1, "cropFrames")]
    [InlineData(1, 1, 10, 0, "maxBatchPerRun")]
    public void Options_reject_bad_values_naming_the_field(int intra, int inter, int frames, int maxBatch, string field)
    {
        var error = Assert.Throws<ArgumentException>(() => new OnnxModelRunnerOptions(intra, inter, cropFrames: frames, maxBatchPerRun: maxBatch));
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Shape_and_classes_come_from_the_export_metadata()
    {
        using var runner = new OnnxModelRunner(TinyModel.Value, "tiny");
        Assert.Equal((Mels, Frames), runner.CropShape);
        Assert.Equal(Classes, runner.ClassCount);
        Assert.Equal(["a", "b", "c", "d", "e"], runner.Metadata.ClassNames);
        Assert.Equal(ModelSpec.CustomCnn, runner.Metadata.Architecture);
    }

    [Fact]
    public void A_batch_equals_its_crops_run_one_by_one()
    {
        using var runner = new OnnxModelRunner(TinyModel.Value, "tiny", new OnnxModelRunnerOptions(intraOpNumThreads: 1));
        const int batch = 3;
        var crops = RandomCrops(batch * Mels * Frames, seed: 2);
        var together = runner.Run(crops, batch);
        Assert.Equal(batch * Classes, together.Length);
        for (var i = 0; i < batch; i++)
        {
            var alone = runner.Run(crops.AsSpan(i * Mels * Frames, Mels * Frames), 1);
            var difference = MaxAbsDifference(alone, together[(i * Classes)..((i + 1) * Classes)]);
            Assert.True(difference < 1e-5f, $"crop {i}: {difference}");
        }
    }

    [Fact]
    public void Equals_the_TorchSharp_runner_on_log_mel_db_crops()
    {
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.125, classes: Classes, hiddenUnits: 16));
        RandomizeLikeTrained(model, seed: 12);
        var bytes = OnnxExporter.Export(model, new OnnxExportOptions(melBands: Mels, frames: Frames)).ToByteArray();
        using var onnx = new OnnxModelRunner(bytes, "tiny");
        using var torchRunner = new TorchModelRunner(model, Classes, new TorchModelRunnerOptions(new AudioOptions(logMel: new LogMelOptions(melBands: Mels), crop: new CropOptions(cropWidthFrames: Frames, strengthMelBands: Mels))));
        const int batch = 2;
        var crops = RandomCrops(batch * Mels * Frames, seed: 13).Select(v => v * 40 - 40).ToArray(); // dB-like: -80..0

        Assert.True(MaxAbsDifference(torchRunner.Run(crops, batch), onnx.Run(crops, batch)) < 1e-4f);
    }

    [Fact]
    public void Slicing_a_batch_gives_the_whole_batch_result()
    {
        using var whole = new OnnxModelRunner(TinyModel.Value, "tiny");
        using var sliced = new OnnxModelRunner(TinyModel.Value, "tiny", new OnnxModelRunnerOptions(maxBatchPerRun: 2));
        const int batch = 5; // slices 2, 2, 1
        var crops = RandomCrops(batch * Mels * Frames, seed: 21);
        Assert.True(MaxAbsDifference(whole.Run(crops, batch), sliced.Run(crops, batch)) < 1e-5f);
    }

    [Fact]
    public void Concurrent_runs_give_the_sequential_results()
    {
        using var runner = new OnnxModelRunner(TinyModel.Value, "tiny", new OnnxModelRunnerOptions(intraOpNumThreads: 2));
        const int threads = 4;
        const int batch = 2;
        var inputs = Enumerable.Range(0, threads).Select(i => RandomCrops(batch * Mels * Frames, seed: 100 + i)).ToArray();
        var expected = inputs.Select(input => runner.Run(input, batch)).ToArray();

        var results = new float[threads][][];
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait(); // all threads call Run at the same moment
            results[t] = Enumerable.Range(0, 20).Select(round => runner.Run(inputs[(t + round) % threads], batch)).ToArray();
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        for (var t = 0; t < threads; t++)
            for (var round = 0; round < 20; round++)
                Assert.True(MaxAbsDifference(expected[(t + round) % threads], results[t][round]) < 1e-6f, $"thread {t} round {round}");
    }

    [Fact]
    public void Another_crop_width_runs_on_a_dynamic_frames_export()
    {
        using var runner = new OnnxModelRunner(TinyModel.Value, "tiny", new OnnxModelRunnerOptions(cropFrames: 40));
        Assert.Equal((Mels, 40), runner.CropShape);
        Assert.Equal(2 * Classes, runner.Run(RandomCrops(2 * Mels * 40, seed: 3), 2).Length);
    }

    [Fact]
    public void Another_crop_width_is_refused_on_a_fixed_frames_export()
    {
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.125, classes: Classes, hiddenUnits: 16));
        var bytes = OnnxExporter.Export(model, new OnnxExportOptions(melBands: Mels, frames: Frames, dynamicFrames: false)).ToByteArray();
        var error = Assert.Throws<ArgumentException>(() => new OnnxModelRunner(bytes, "fixed.onnx", new OnnxModelRunnerOptions(cropFrames: 40)));
        Assert.Contains("fixed.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_input_length_or_batch_is_an_argument_error()
    {
        using var runner = new OnnxModelRunner(TinyModel.Value, "tiny");
        Assert.Throws<ArgumentException>(() => runner.Run(new float[Mels * Frames + 1], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => runner.Run(new float[Mels * Frames], 0));
    }

    [Fact]
    public void Run_after_dispose_is_refused()
    {
        var runner = new OnnxModelRunner(TinyModel.Value, "tiny");
        runner.Dispose();
        Assert.Throws<ObjectDisposedException>(() => runner.Run(new float[Mels * Frames], 1));
    }

    [Fact]
    public void Missing_file_is_named()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.onnx");
        var error = Assert.Throws<FileNotFoundException>(() => new OnnxModelRunner(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_model_is_an_invalid_data_error_naming_the_source()
    {
        var error = Assert.Throws<InvalidDataException>(() => new OnnxModelRunner(TinyModel.Value[..(TinyModel.Value.Length / 2)], "cut.onnx"));
        Assert.StartsWith("cut.onnx:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_without_ensemble_metadata_is_refused()
    {
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(TinyModel.Value);
        proto.MetadataProps.Clear();
        var error = Assert.Throws<InvalidDataException>(() => new OnnxModelRunner(proto.ToByteArray(), "foreign.onnx"));
        Assert.Contains(OnnxModelMetadata.ArchitectureKey, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_in_graph_normalisation_is_refused_as_outdated()
    {
        var proto = global::Onnx.ModelProto.Parser.ParseFrom(TinyModel.Value);
        var marker = proto.MetadataProps.Single(p => p.Key == OnnxModelMetadata.InputFormatKey);
        proto.MetadataProps.Remove(marker); // what an export of the previous build looks like
        var error = Assert.Throws<OutdatedOnnxModelException>(() => new OnnxModelRunner(proto.ToByteArray(), "old.onnx"));
        Assert.Equal(OnnxModelMetadata.UnmarkedInputFormat, error.FoundFormat);
        Assert.StartsWith("old.onnx:", error.Message, StringComparison.Ordinal);
        Assert.Contains("export", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_settings_record_other_than_the_expected_one_is_refused()
    {
        var audio = new AudioOptions(logMel: new LogMelOptions(melBands: Mels), crop: new CropOptions(cropWidthFrames: Frames, strengthMelBands: Mels));
        using var model = new CustomCnn(new CustomCnnOptions(widthMultiplier: 0.125, classes: Classes, hiddenUnits: 16));
        var bytes = OnnxExporter.Export(model, new OnnxExportOptions(audio: audio)).ToByteArray();
        using (var matching = new OnnxModelRunner(bytes, "record.onnx", new OnnxModelRunnerOptions(expectedAudio: audio)))
            Assert.Equal(audio, matching.Metadata.Audio);
        var other = new AudioOptions(logMel: new LogMelOptions(melBands: Mels), crop: new CropOptions(cropWidthFrames: Frames, strengthMelBands: Mels), ttaSeed: AudioOptions.DefaultTtaSeed + 1);
        var error = Assert.Throws<AudioOptionsMismatchException>(() => new OnnxModelRunner(bytes, "record.onnx", new OnnxModelRunnerOptions(expectedAudio: other)));
        Assert.Contains("record.onnx", error.Message, StringComparison.Ordinal);
    }
}
