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

/// <summary>
/// Two real `ensemble silo` processes with Redis membership (redis-server from apt), advertising 127.0.0.2 and 127.0.0.3
/// (both loopback on Linux, standing in for two hosts) while listening on every address.
/// </summary>
public sealed class SiloCommandTests(ITestOutputHelper log)
{
    private static readonly string[] Addresses = ["127.0.0.2", "127.0.0.3"];

    /// <summary>Orleans declares an unreachable silo dead after missed probes and a vote (default options: tens of seconds).</summary>
    private static readonly TimeSpan DeathNoticed = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task Two_silos_on_two_addresses_form_one_cluster_serve_the_same_scores_notice_a_killed_silo_and_stop_gracefully()
    {
        // ./ensemble test installs redis-server; a missing one is a failed prerequisite, not a pass.
        var redisServer = FindOnPath("redis-server")
            ?? throw new InvalidOperationException("redis-server is not installed: run the tests with ./ensemble test (it installs it) or apt-get install redis-server");
        using var run = new UntrainedRun(models: 2, clips: 2);
        var ports = FreePorts.Take(5);
        using var redis = new ProcessLines(redisServer, $"--bind 127.0.0.1 --port {ports[0]} --save \"\" --appendonly no");
        var cluster = $"redis://127.0.0.1:{ports[0]}";
        var silos = new List<ProcessLines>();
        var siloAddresses = new List<string>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                // One silo per backend: a cluster may mix them, and the scores still equal the direct ones.
                var backend = i == 0 ? "torch" : "onnx";
                var silo = new ProcessLines("dotnet", $"\"{typeof(EnsembleCli).Assembly.Location}\" silo --run \"{run.RunFolder}\" --gpus none --cluster {cluster} " +
                    $"--silo-port {ports[1 + 2 * i]} --gateway-port {ports[2 + 2 * i]} --backend {backend} --advertise {Addresses[i]} --http-port 0 --grpc-port 0 --metrics-port 0");
                silos.Add(silo);
                var ready = await silo.WaitForAsync(l => l.StartsWith(SiloCommand.ReadyLine, StringComparison.Ordinal), TimeSpan.FromSeconds(120), SiloCommand.ReadyLine);
                Assert.Contains($"backend {backend}", ready, StringComparison.Ordinal);
                var advertised = $"S{Addresses[i]}:{ports[1 + 2 * i]}:";
                Assert.Contains(advertised, ready, StringComparison.Ordinal);
                siloAddresses.Add(advertised);
            }
            await using var connection = await EnsembleConnection.ConnectAsync(ClusterEndpoint.Parse(cluster));
            await AssertScoresEqualDirectAsync(connection.Client, run);
            var members = await connection.Client.GetSilosAsync();
            Assert.Equal(2, members.Length);
            Assert.All(siloAddresses, a => Assert.Contains(members, m => m.StartsWith(a, StringComparison.Ordinal)));
            Assert.Equal(run.Manifest.Version, (await connection.Client.GetManifestAsync()).Version);

            // A crash (no graceful shutdown): the survivor declares it dead, and the cluster serves on alone.
            silos[1].Process.Kill();
            await silos[1].Process.WaitForExitAsync();
            var dead = await silos[0].WaitForAsync(l => l.Contains(siloAddresses[1], StringComparison.Ordinal) && l.Contains("Dead", StringComparison.Ordinal),
                DeathNoticed, $"{siloAddresses[1]} Dead");
            log.WriteLine(dead);
            Assert.Single(await connection.Client.GetSilosAsync(), m => m.StartsWith(siloAddresses[0], StringComparison.Ordinal));
            await AssertScoresEqualDirectAsync(connection.Client, run);
        }
        finally
        {
            var living = silos.Where(s => !s.Process.HasExited).ToArray();
            foreach (var silo in living)
            {
                using var term = Process.Start("kill", $"-TERM {silo.Process.Id}");
                await term.WaitForExitAsync();
            }
            foreach (var silo in living)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await silo.Process.WaitForExitAsync(timeout.Token);
                log.WriteLine($"silo {silo.Process.Id} exited with {silo.Process.ExitCode}");
                Assert.Equal(0, silo.Process.ExitCode);
            }
            foreach (var silo in silos)
                silo.Dispose();
            redis.Process.Kill();
        }
    }

    private static async Task AssertScoresEqualDirectAsync(EnsembleClient client, UntrainedRun run)
    {
        var outcomes = (await client.TagFilesAsync(run.Clips()).ToArrayAsync()).ToDictionary(o => o.Path, StringComparer.Ordinal);
        var results = run.Clips().Select(c => outcomes[c].Result ?? throw new InvalidOperationException(outcomes[c].Failure!.ToString())).ToArray();
        using var direct = new InProcessEnsemble(run.Manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory());
        foreach (var (clip, result) in run.Clips().Zip(results))
        {
            var expected = direct.Predict(ClipTagRequest.FromBytes(Path.GetFileName(clip), File.ReadAllBytes(clip)));
            for (var c = 0; c < expected.Length; c++)
                Assert.Equal(expected[c], result.Scores[c], 1e-5f);
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
