using System.Diagnostics;
using Ensemble.Audio;
using Ensemble.Audio.Crops;
using Ensemble.Audio.Decoding;
using Ensemble.Audio.Encoding;
using Ensemble.Audio.Features;
using Ensemble.Client;
using Ensemble.Silo.Hosting;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Ensemble.Training.Submissions;
using Xunit.Abstractions;
using Ensemble.Settings;

namespace Ensemble.Cli.Tests.Serving;

/// <summary>
/// Issue 10 item 1: one clip gets the same scores through every path that scores clips: training's own test
/// prediction (run/submission.csv), `ensemble predict`, `ensemble tag --run` (embedded silo; auto = ONNX Runtime on
/// the CPU, and each backend forced: TorchSharp on the checkpoint, ONNX Runtime on the export with normalisation in
/// the graph) and a cluster (a separate `ensemble silo` process with Redis membership, reached through the client
/// library; auto backend). The run is trained for a
/// few epochs on a tiny synthetic dataset (8 kHz tones, 16 mel bands, 16-frame crops) so the test stays fast.
/// </summary>
public sealed class CrossPathScoresTests(ITestOutputHelper log)
{
    public const float Tolerance = 1e-6f;
    private const int RateHz = 8000;
    private static readonly string[] Classes = ["High", "Low", "Mid"];
    private static readonly double[] FrequencyHz = [2500, 300, 1000];

    private static readonly AudioOptions Audio = new(
        decoding: new WavDecoderOptions(targetSampleRateHz: RateHz),
        logMel: new LogMelOptions(sampleRateHz: RateHz, fftLengthSamples: 256, hopLengthSamples: 64, melBands: 16, maxFrequencyHz: 4000),
        crop: new CropOptions(cropWidthFrames: 16, strengthMelBands: 8),
        validationTtaCrops: 2, testTtaCrops: 5);

    private static Recipe TinyRecipe() => new(
        "cross-path", 7, 2,
        new DataRecipe([], [], false),
        [new ModelRecipe("cnn-a", "customcnn", 0.125, 0, 2), new ModelRecipe("cnn-b", "customcnn", 0.0625, 0, 1)],
        new OptimizerOptions(1e-3, 1e-5, 10, 4, 0),
        new AugmentationRecipe(1, 0, 0, 0, 0.5, 0),
        Audio, Recipe.OptimizedBlend, torchThreads: 1);

    [Fact]
    public async Task Training_predict_tag_and_a_cluster_give_the_same_scores_within_1e_6()
    {
        var root = Path.Combine(Path.GetTempPath(), "ensemble-cross-path", Guid.NewGuid().ToString("N"));
        try
        {
            var data = Path.Combine(root, "data");
            WriteDataset(data);
            var run = Path.Combine(root, "run");
            var progress = new TextProgress(TextWriter.Null);
            new TrainingPipeline(TinyRecipe(), new TrainOptions(data, run, Path.Combine(root, "cache")), new TrainingHost(new TrainingHostOptions(), progress), progress).Run();
            var test = Path.Combine(data, "test");
            var (classes, training) = SubmissionCsv.Read(Path.Combine(run, "submission.csv"));
            Assert.Equal(Classes, classes.Names);

            var predicted = Path.Combine(root, "predict.csv");
            var tagged = Path.Combine(root, "tag.csv");
            var taggedTorch = Path.Combine(root, "tag-torch.csv");
            var taggedOnnx = Path.Combine(root, "tag-onnx.csv");
            using var stderr = new StringWriter();
            Assert.True(await EnsembleCli.RunAsync(["predict", "--run", run, "--audio", test, "--out", predicted], TextWriter.Null, stderr) == 0, stderr.ToString());
            Assert.True(await EnsembleCli.RunAsync(["tag", test, "--run", run, "--out", tagged], TextWriter.Null, stderr) == 0, stderr.ToString());
            Assert.True(await EnsembleCli.RunAsync(["tag", test, "--run", run, "--backend", "torch", "--out", taggedTorch], TextWriter.Null, stderr) == 0, stderr.ToString());
            Assert.True(await EnsembleCli.RunAsync(["tag", test, "--run", run, "--backend", "onnx", "--out", taggedOnnx], TextWriter.Null, stderr) == 0, stderr.ToString());
            var cluster = await TagThroughClusterAsync(run, Directory.GetFiles(test, "*.wav").Order(StringComparer.Ordinal).ToArray());

            var paths = new Dictionary<string, IReadOnlyDictionary<string, float[]>>
            {
                ["predict"] = SubmissionCsv.Read(predicted).Scores,
                ["tag --run (auto: onnx on the cpu)"] = SubmissionCsv.Read(tagged).Scores,
                ["tag --run --backend torch"] = SubmissionCsv.Read(taggedTorch).Scores,
                ["tag --run --backend onnx"] = SubmissionCsv.Read(taggedOnnx).Scores,
                ["cluster"] = cluster,
            };
            foreach (var (path, scores) in paths)
            {
                Assert.Equal(training.Keys.Order(StringComparer.Ordinal), scores.Keys.Order(StringComparer.Ordinal));
                var maxDiff = training.Max(clip => clip.Value.Zip(scores[clip.Key], (a, b) => Math.Abs(a - b)).Max());
                log.WriteLine($"training test prediction vs {path}: max abs diff {maxDiff:G3} over {training.Count} clips × {Classes.Length} classes");
                Assert.True(maxDiff <= Tolerance, $"{path} differs from training's test prediction by {maxDiff}");
            }
        }
        finally
        {
            if (Directory.Exists(root))
                Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// A cluster as deployed: a separate `ensemble silo` process with Redis membership on free localhost ports (like
    /// SiloCommandTests; ./ensemble test installs redis-server), reached through the client library.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, float[]>> TagThroughClusterAsync(string run, string[] clips)
    {
        var redisServer = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, "redis-server")).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server is not installed: run the tests with ./ensemble test (it installs it) or apt-get install redis-server");
        var ports = FreePorts.Take(3);
        using var redis = Start(redisServer, $"--bind 127.0.0.1 --port {ports[0]} --save \"\" --appendonly no");
        var cluster = $"redis://127.0.0.1:{ports[0]}";
        using var silo = Start("dotnet",
            $"\"{typeof(EnsembleCli).Assembly.Location}\" silo --run \"{run}\" --gpus none --cluster {cluster} --silo-port {ports[1]} --gateway-port {ports[2]} --http-port 0 --grpc-port 0 --metrics-port 0");
        try
        {
            using (var ready = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
            {
                while (await silo.StandardOutput.ReadLineAsync(ready.Token) is { } line && !line.StartsWith(SiloCommand.ReadyLine, StringComparison.Ordinal))
                {
                }
            }
            _ = silo.StandardOutput.ReadToEndAsync(); // keep draining so the silo never blocks on a full pipe
            _ = silo.StandardError.ReadToEndAsync();
            await using var connection = await EnsembleConnection.ConnectAsync(ClusterEndpoint.Parse(cluster));
            var outcomes = (await connection.Client.TagFilesAsync(clips).ToArrayAsync()).ToDictionary(o => o.Path, StringComparer.Ordinal);
            var results = clips.Select(c => outcomes[c].Result ?? throw new InvalidOperationException(outcomes[c].Failure!.ToString())).ToArray();
            return clips.Zip(results).ToDictionary(p => Path.GetFileName(p.First), p => p.Second.Scores, StringComparer.Ordinal);
        }
        finally
        {
            using (var term = Process.Start("kill", $"-TERM {silo.Id}"))
                await term!.WaitForExitAsync();
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await silo.WaitForExitAsync(exited.Token);
            redis.Kill();
        }
    }

    private static Process Start(string file, string arguments) =>
        Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })
        ?? throw new InvalidOperationException($"cannot start {file}");

    private static void WriteDataset(string root)
    {
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "sample_submission.csv"), "fname,High,Low,Mid\n");
        var curated = "fname,labels\n";
        for (var i = 0; i < 12; i++)
        {
            Wav(root, $"train_curated/c{i}.wav", i % 3, i);
            curated += $"c{i}.wav,{Classes[i % 3]}\n";
        }
        File.WriteAllText(Path.Combine(root, "train_curated.csv"), curated);
        for (var i = 0; i < 5; i++)
            Wav(root, $"test/t{i}.wav", i % 3, 200 + i);
    }

    private static void Wav(string root, string relative, int label, int seed)
    {
        var random = new Random(seed);
        // Up to 2.5 s: longer than a 16-frame crop, so clips have several distinct TTA windows.
        var samples = new float[RateHz / 2 + random.Next(2 * RateHz)];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(0.3 * Math.Sin(2 * Math.PI * FrequencyHz[label] * i / RateHz) + 0.01 * (random.NextDouble() - 0.5));
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.WritePcm16(path, new AudioClip(samples, RateHz, relative));
    }
}
