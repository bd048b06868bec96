using Ensemble.Grains.Abstractions.Manifests;
using Ensemble.Cli;
using Ensemble.Cli.Serving;
using Ensemble.Cli.Tests.Serving;
using Ensemble.Client;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Inference;
using Ensemble.Training.Manifest;
using Ensemble.Training.Submissions;
using Ensemble.Settings;

namespace Ensemble.Cli.Tests;

public sealed class TagCommandTests
{
    [Fact]
    public async Task Embedded_tag_prints_top_labels_and_writes_a_submission_equal_to_the_in_process_ensemble()
    {
        using var run = new UntrainedRun();
        var csv = Path.Combine(run.Root, "submission.csv");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await EnsembleCli.RunAsync(["tag", run.ClipFolder, "--run", run.RunFolder, "--top", "2", "--out", csv], stdout, stderr);

        Assert.True(code == 0, stderr.ToString());
        var text = stdout.ToString();
        Assert.Contains("embedded silo", text);
        Assert.Contains("clip0.wav", text);
        Assert.Contains("3 tagged, 0 failed; latency p50", text);
        var (classes, scores) = SubmissionCsv.Read(csv);
        Assert.Equal(UntrainedRun.Labels, classes.Names);
        using var direct = new InProcessEnsemble(run.Manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory());
        foreach (var clip in run.Clips())
        {
            var expected = direct.Predict(ClipTagRequest.FromBytes(Path.GetFileName(clip), File.ReadAllBytes(clip)));
            var served = scores[Path.GetFileName(clip)];
            for (var c = 0; c < expected.Length; c++)
                Assert.Equal(expected[c], served[c], 1e-5f);
        }
    }

    [Theory]
    [InlineData(ServingBackend.Torch)]
    [InlineData(ServingBackend.Onnx)]
    public async Task Each_backend_serves_the_same_scores_as_the_in_process_ensemble(ServingBackend backend)
    {
        using var run = new UntrainedRun(models: 1, clips: 1);
        await using var connection = await EnsembleConnection.StartEmbeddedAsync(run.RunFolder, backend: backend);
        var clip = run.Clips()[0];
        var served = await connection.Client.TagFileAsync(clip);
        using var direct = new InProcessEnsemble(run.Manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory(), backend: backend);
        var expected = direct.Predict(ClipTagRequest.FromBytes(Path.GetFileName(clip), File.ReadAllBytes(clip)));
        for (var c = 0; c < expected.Length; c++)
            Assert.Equal(expected[c], served.Scores[c], 1e-5f);
        Assert.Equal("cpu", Assert.Single(served.Timings).Device);
    }

    [Fact]
    public async Task A_corrupt_wav_fails_with_an_audio_error_naming_the_clip()
    {
        using var run = new UntrainedRun(models: 1, clips: 0);
        await using var connection = await EnsembleConnection.StartEmbeddedAsync(run.RunFolder);
        var error = await Assert.ThrowsAsync<Ensemble.Audio.AudioFormatException>(() =>
            connection.Client.TagAsync(ClipTagRequest.FromBytes("broken.wav", [1, 2, 3, 4])));
        Assert.Contains("broken.wav", error.Message);
    }

    [Fact]
    public async Task Tag_on_a_training_run_equals_predict_within_1e_5()
    {
        using var run = new UntrainedRun(models: 2, clips: 2);
        var served = run.Manifest;
        var trained = new EnsembleManifest(EnsembleManifest.CurrentFormatVersion, "untrained", "test", "synthetic", served.Labels,
            served.Audio, "weighted-mean",
            served.Models.Select((m, i) => new ManifestModel(m.Id, m.Architecture, 0.0625, i, 1.0 / served.Models.Length,
                Path.GetFileName(m.FileOf(ModelFile.TorchFormat)!.Path), m.FileOf(ModelFile.TorchFormat)!.Sha256,
                Path.GetFileName(m.FileOf(ModelFile.OnnxFormat)!.Path), m.FileOf(ModelFile.OnnxFormat)!.Sha256, 0)).ToArray());
        trained.Save(Path.Combine(run.RunFolder, EnsembleManifest.FileName));
        var predicted = Path.Combine(run.Root, "predict.csv");
        var tagged = Path.Combine(run.Root, "tag.csv");
        using var stderr = new StringWriter();

        Assert.True(await EnsembleCli.RunAsync(["predict", "--run", run.RunFolder, "--audio", run.ClipFolder, "--out", predicted], TextWriter.Null, stderr) == 0, stderr.ToString());
        Assert.True(await EnsembleCli.RunAsync(["tag", run.ClipFolder, "--run", run.RunFolder, "--out", tagged], TextWriter.Null, stderr) == 0, stderr.ToString());

        var (classes, expected) = SubmissionCsv.Read(predicted);
        var (servedClasses, actual) = SubmissionCsv.Read(tagged);
        Assert.Equal(classes.Names, servedClasses.Names);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (clip, scores) in expected)
        {
            for (var c = 0; c < scores.Length; c++)
                Assert.Equal(scores[c], actual[clip][c], 1e-5f);
        }
    }

    [Fact]
    public async Task A_bad_wav_and_a_dangling_link_among_good_clips_fail_alone_with_one_line_each()
    {
        using var run = new UntrainedRun(models: 1, clips: 2);
        var good = run.Clips().Select(Path.GetFileName).ToArray();
        File.WriteAllBytes(Path.Combine(run.ClipFolder, "garbage.wav"), [1, 2, 3, 4]);
        File.CreateSymbolicLink(Path.Combine(run.ClipFolder, "dangling.wav"), Path.Combine(run.Root, "gone.wav"));
        var csv = Path.Combine(run.Root, "partial.csv");

        var (code, stdout, stderr) = await CliRun.RunAsync("tag", run.ClipFolder, "--run", run.RunFolder, "--out", csv);

        Assert.Equal(1, code);
        Assert.Contains("2 tagged, 2 failed (1 unreadable, 1 refused)", stdout, StringComparison.Ordinal);
        var errors = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.Contains(errors, e => e.Contains("dangling.wav: not tagged: unreadable", StringComparison.Ordinal) && e.Contains("symbolic link", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("garbage.wav: not tagged: refused: AudioFormatException", StringComparison.Ordinal));
        Assert.Equal(good, SubmissionCsv.Read(csv).Scores.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_empty_folder_or_a_folder_that_is_not_a_run_is_one_line()
    {
        using var run = new UntrainedRun(models: 1, clips: 1);
        var empty = Directory.CreateDirectory(Path.Combine(run.Root, "empty")).FullName;
        var (emptyCode, _, emptyErr) = await CliRun.RunAsync("tag", empty, "--run", run.RunFolder);
        Assert.Equal(EnsembleCli.UsageExitCode, emptyCode);
        Assert.Contains("no .wav files", emptyErr, StringComparison.Ordinal);

        var (code, stdout, stderr) = await CliRun.RunAsync("tag", run.ClipFolder, "--run", empty);
        Assert.Equal(1, code);
        Assert.Equal($"ensemble tag: {empty}: no ensemble.json or serving.json: not a run folder", stderr.Trim());
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task Without_run_or_cluster_it_is_a_usage_error()
    {
        using var stderr = new StringWriter();
        Assert.Equal(EnsembleCli.UsageExitCode, await EnsembleCli.RunAsync(["tag", Path.GetTempPath()], TextWriter.Null, stderr));
        Assert.Contains("--run", stderr.ToString());
    }

    [Fact]
    public async Task An_unknown_backend_or_a_backend_for_a_cluster_is_a_usage_error()
    {
        using var run = new UntrainedRun(models: 1, clips: 1);
        using var stderr = new StringWriter();
        Assert.Equal(EnsembleCli.UsageExitCode, await EnsembleCli.RunAsync(["tag", run.ClipFolder, "--run", run.RunFolder, "--backend", "tensorrt"], TextWriter.Null, stderr));
        Assert.Contains("'tensorrt'", stderr.ToString());
        using var clusterStderr = new StringWriter();
        Assert.Equal(EnsembleCli.UsageExitCode, await EnsembleCli.RunAsync(["tag", run.ClipFolder, "--cluster", "localhost", "--backend", "onnx"], TextWriter.Null, clusterStderr));
        Assert.Contains("ensemble silo --backend", clusterStderr.ToString());
    }

    [Fact]
    public async Task A_missing_clip_is_named()
    {
        using var stderr = new StringWriter();
        Assert.Equal(EnsembleCli.UsageExitCode, await EnsembleCli.RunAsync(["tag", "/nonexistent/x.wav", "--run", "/tmp"], TextWriter.Null, stderr));
        Assert.Contains("/nonexistent/x.wav", stderr.ToString());
    }
}
