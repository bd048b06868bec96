using System.Text;
using Ensemble.Cli.Load;
using Ensemble.Cli.Tests.Serving;

namespace Ensemble.Cli.Tests.Load;

public sealed class LoadCommandTests
{
    [Fact]
    public async Task A_load_run_on_an_embedded_silo_ends_with_the_percentiles_and_the_error_count_and_writes_its_files()
    {
        using var run = new UntrainedRun(models: 1, clips: 2);
        var outDir = Path.Combine(run.Root, "load");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await EnsembleCli.RunAsync(["load", "--run", run.RunFolder, "--clips", run.ClipFolder, "--clients", "2", "--duration", "2",
            "--warmup", "0", "--window", "1", "--out", outDir], stdout, stderr);

        Assert.True(code == 0, stderr.ToString() + stdout);
        var lines = stdout.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd()).ToArray();
        Assert.Matches(@"^p50 \d+\.\d p95 \d+\.\d p99 \d+\.\d ms$", lines[^2]);
        Assert.Equal("errors 0", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("memory embedded silo (pid", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("throughput ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("requests: sent ", StringComparison.Ordinal) && l.EndsWith("failed 0, abandoned 0, lost 0", StringComparison.Ordinal));
        Assert.True(File.ReadAllLines(Path.Combine(outDir, "requests.csv")).Length > 1);
        Assert.True(File.ReadAllLines(Path.Combine(outDir, "memory.csv")).Length > 1);
        Assert.True(new FileInfo(Path.Combine(outDir, "memory.png")).Length > 0);
    }

    [Fact]
    public async Task Giving_no_target_or_two_targets_is_a_usage_error()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(EnsembleCli.UsageExitCode, await EnsembleCli.RunAsync(["load", "--clips", "."], stdout, stderr));
        Assert.Equal(EnsembleCli.UsageExitCode, await EnsembleCli.RunAsync(["load", "--run", ".", "--url", "http://127.0.0.1:1", "--clips", "."], stdout, stderr));
        Assert.Contains("exactly one of --run, --cluster and --url", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_front_door_answer_gives_the_partial_flag_and_the_slowest_models_queue_and_compute()
    {
        var body = Encoding.UTF8.GetBytes("""
            {"model_name": "ensemble", "parameters": {"partial": true, "feature_ms": 3.5,
              "model.a.queue_ms": 1.0, "model.a.compute_ms": 20.0, "model.a.round_trip_ms": 22.0,
              "model.b.queue_ms": 5.0, "model.b.compute_ms": 40.0, "model.b.round_trip_ms": 46.0},
             "outputs": []}
            """);
        Assert.Equal(new LoadAnswer(true, 5.0, 40.0), HttpLoadTarget.Answer(body));
    }
}
