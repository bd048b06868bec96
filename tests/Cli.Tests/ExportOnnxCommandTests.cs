using Ensemble.Cli;
using Ensemble.Models;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Inference;
using Ensemble.Settings;

namespace Ensemble.Cli.Tests;

public sealed class ExportOnnxCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ensemble-export-onnx-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Exports_a_checkpoint_that_the_onnx_runner_loads_with_its_classes()
    {
        var spec = new ModelSpec(ModelSpec.CustomCnn, widthMultiplier: 0.125, classes: 3);
        var weights = Path.Combine(_folder.FullName, "model.bin");
        using (var model = ModelFactory.Create(spec))
            Checkpoint.Save(model, spec, ["bark", "meow", "moo"], AudioOptions.Default, "run-1", weights);
        var target = Path.Combine(_folder.FullName, "model.onnx");

        var (code, stdout, stderr) = await RunAsync("export-onnx", weights, "--out", target);

        Assert.True(code == 0, stderr);
        Assert.Contains("exported customcnn (3 classes)", stdout, StringComparison.Ordinal);
        using var runner = new OnnxModelRunner(target, new OnnxModelRunnerOptions(expectedAudio: AudioOptions.Default));
        Assert.Equal(["bark", "meow", "moo"], runner.Metadata.ClassNames);
        Assert.Equal((AudioOptions.Default, "run-1"), (runner.Metadata.Audio, runner.Metadata.TrainingRunId));
        var other = new AudioOptions(testTtaCrops: 3);
        var mismatch = Assert.Throws<AudioOptionsMismatchException>(() => new OnnxModelRunner(target, new OnnxModelRunnerOptions(expectedAudio: other)));
        Assert.Contains("model.onnx", mismatch.Message, StringComparison.Ordinal);
        Assert.Contains("Tta.tta_test: 20 vs 3", mismatch.Message, StringComparison.Ordinal);
        Assert.Equal((128, 128), runner.CropShape);
        Assert.Equal(3, runner.Run(new float[128 * 128], 1).Length);
    }

    [Fact]
    public async Task Missing_checkpoint_fails_naming_the_file()
    {
        var missing = Path.Combine(_folder.FullName, "nothing.bin");
        var (code, _, stderr) = await RunAsync("export-onnx", missing, "--out", Path.Combine(_folder.FullName, "x.onnx"));
        Assert.Equal(ExportOnnxCommand.FailureExitCode, code);
        Assert.Contains("nothing.bin", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "x.onnx")));
    }

    [Fact]
    public async Task Out_is_required()
    {
        var (code, _, _) = await RunAsync("export-onnx", "model.bin");
        Assert.Equal(EnsembleCli.UsageExitCode, code);
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(args);
}
