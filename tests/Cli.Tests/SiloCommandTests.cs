using System.Diagnostics;
using Ensemble.Cli;
using Ensemble.Cli.Tests.Serving;
using Ensemble.Client;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Inference;
using Ensemble.Silo.Hosting;
using Xunit.Abstractions;

namespace Ensemble.Cli.Tests;

/// <summary>Two real `ensemble silo` processes with Redis membership on 127.0.0.1 (redis-server from apt).</summary>
public sealed class SiloCommandTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Two_silo_processes_with_redis_membership_serve_the_same_scores_and_stop_gracefully()
    {
        // ./ensemble test installs redis-server; a missing one is a failed prerequisite, not a pass.
        var redisServer = FindOnPath("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed: run the tests with ./ensemble test (it installs it) or apt-get install redis-server");
        using var run = new UntrainedRun(models: 2, clips: 2);
        var ports = FreePorts.Take(5);
        using var redis = Start(redisServer, $"--bind 127.0.0.1 --port {ports[0]} --save \"\" --appendonly no");
        var cluster = $"redis://127.0.0.1:{ports[0]}";
        var silos = new List<Process>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                // One silo per backend: a cluster may mix them, and the scores still equal the direct ones.
                var backend = i == 0 ? "torch" : "onnx";
                var silo = Start("dotnet", $"\"{typeof(EnsembleCli).Assembly.Location}\" silo --run \"{run.RunFolder}\" --gpus none --cluster {cluster} --silo-port {ports[1 + 2 * i]} --gateway-port {ports[2 + 2 * i]} --backend {backend}");
                silos.Add(silo);
                Assert.Contains($"backend {backend}", await WaitForLineAsync(silo, SiloCommand.ReadyLine), StringComparison.Ordinal);
            }
            await using var connection = await EnsembleConnection.ConnectAsync(ClusterEndpoint.Parse(cluster));
            var outcomes = (await connection.Client.TagFilesAsync(run.Clips()).ToArrayAsync()).ToDictionary(o => o.Path, StringComparer.Ordinal);
            var results = run.Clips().Select(c => outcomes[c].Result ?? throw new InvalidOperationException(outcomes[c].Failure!.ToString())).ToArray();

            using var direct = new InProcessEnsemble(run.Manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory());
            foreach (var (clip, result) in run.Clips().Zip(results))
            {
                var expected = direct.Predict(ClipTagRequest.FromBytes(Path.GetFileName(clip), File.ReadAllBytes(clip)));
                for (var c = 0; c < expected.Length; c++)
                    Assert.Equal(expected[c], result.Scores[c], 1e-5f);
            }
            Assert.Equal(2, (await connection.Client.GetSilosAsync()).Length);
            var manifest = await connection.Client.GetManifestAsync();
            Assert.Equal(run.Manifest.Version, manifest.Version);
        }
        finally
        {
            foreach (var silo in silos)
            {
                using var term = Process.Start("kill", $"-TERM {silo.Id}");
                await term.WaitForExitAsync();
            }
            foreach (var silo in silos)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await silo.WaitForExitAsync(timeout.Token);
                log.WriteLine($"silo {silo.Id} exited with {silo.ExitCode}");
                Assert.Equal(0, silo.ExitCode);
                silo.Dispose();
            }
            redis.Kill();
        }
    }

    private static Process Start(string file, string arguments) =>
        Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })
        ?? throw new InvalidOperationException($"cannot start {file}");

    private static async Task<string> WaitForLineAsync(Process process, string prefix)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(); // keep draining so the silo never blocks on a full pipe
                _ = process.StandardError.ReadToEndAsync();
                return line;
            }
        }
        throw new InvalidOperationException($"process exited before '{prefix}': {await process.StandardError.ReadToEndAsync()}");
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
