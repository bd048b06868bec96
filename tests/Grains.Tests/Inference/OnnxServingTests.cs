using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Inference;
using Ensemble.Grains.Manifests;
using Ensemble.Models.Onnx;
using Ensemble.Settings;

namespace Ensemble.Grains.Tests.Inference;

/// <summary>The serving factory on real files: both backends of one untrained model agree, and the ONNX file is checked like a checkpoint.</summary>
public sealed class OnnxServingTests : IDisposable
{
    private static readonly string[] Labels = ["a", "b", "c"];
    private static readonly AudioOptions Audio = new(testTtaCrops: 2, ttaSeed: 1);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ensemble-onnx-serving-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Onnx_and_torch_give_the_same_scores_on_raw_log_mel_crops()
    {
        var manifest = UntrainedManifest.Write(_folder, Labels, models: 1, Audio, widthMultiplier: 0.0625);
        var clip = ClipTagRequest.FromBytes("tone.wav", Wav());
        using var onnx = new InProcessEnsemble(manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory(), backend: ServingBackend.Onnx);
        using var torch = new InProcessEnsemble(manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory(), backend: ServingBackend.Torch);
        var a = onnx.Predict(clip);
        var b = torch.Predict(clip);
        Assert.Equal(Labels.Length, a.Length);
        for (var c = 0; c < a.Length; c++)
            Assert.True(Math.Abs(a[c] - b[c]) < 1e-5, $"class {c}: onnx {a[c]} torch {b[c]}");
    }

    [Fact]
    public void A_tampered_onnx_file_is_refused_naming_it()
    {
        var manifest = UntrainedManifest.Write(_folder, Labels, models: 1, Audio, widthMultiplier: 0.0625);
        var onnx = manifest.Models[0].FileOf(ModelFile.OnnxFormat)!;
        File.AppendAllText(onnx.Path, "!");
        var error = Assert.Throws<ModelIntegrityException>(() =>
            new InProcessEnsemble(manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory(), backend: ServingBackend.Onnx));
        Assert.Equal(onnx.Path, error.File);
        Assert.Contains("SHA-256", error.Message, StringComparison.Ordinal);
        // The checkpoint is untouched: the torch backend still loads.
        using var torch = new InProcessEnsemble(manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory(), backend: ServingBackend.Torch);
    }

    [Fact]
    public void An_onnx_file_of_another_settings_record_is_refused()
    {
        var manifest = UntrainedManifest.Write(_folder, Labels, models: 1, Audio, widthMultiplier: 0.0625);
        var other = manifest with { Audio = new AudioOptions(testTtaCrops: 2, ttaSeed: 2) };
        var error = Assert.Throws<AudioOptionsMismatchException>(() =>
            new ServingModelRunnerFactory().Create(other, other.Models[0], other.Models[0].FileOf(ModelFile.OnnxFormat)!, "cpu"));
        Assert.Contains(".onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_onnx_file_of_other_classes_is_refused()
    {
        var manifest = UntrainedManifest.Write(_folder, Labels, models: 1, Audio, widthMultiplier: 0.0625);
        var other = manifest with { Labels = ["a", "c", "b"] };
        var error = Assert.Throws<ModelIntegrityException>(() =>
            new ServingModelRunnerFactory().Create(other, other.Models[0], other.Models[0].FileOf(ModelFile.OnnxFormat)!, "cpu"));
        Assert.Contains("class names", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exported_file_is_marked_as_self_contained()
    {
        var manifest = UntrainedManifest.Write(_folder, Labels, models: 1, Audio, widthMultiplier: 0.0625);
        using var runner = (Ensemble.Models.Inference.OnnxModelRunner)new ServingModelRunnerFactory().Create(
            manifest, manifest.Models[0], manifest.Models[0].FileOf(ModelFile.OnnxFormat)!, "cpu");
        Assert.Equal(OnnxModelMetadata.CurrentInputFormat, runner.Metadata.InputFormat);
    }

    private byte[] Wav()
    {
        var samples = new float[44_100];
        for (var t = 0; t < samples.Length; t++)
            samples[t] = 0.3f * MathF.Sin(2 * MathF.PI * 440 * t / 44_100f);
        var path = Path.Combine(_folder, "tone.wav");
        Ensemble.Audio.Encoding.WavWriter.WritePcm16(path, new Ensemble.Audio.AudioClip(samples, 44_100, "tone.wav"));
        return File.ReadAllBytes(path);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
