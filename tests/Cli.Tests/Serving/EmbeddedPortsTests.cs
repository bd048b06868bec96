using System.Diagnostics;
using System.Globalization;
using System.Net;
using Ensemble.Cli;
using Ensemble.Client;
using Ensemble.FrontDoor.Http;

namespace Ensemble.Cli.Tests.Serving;

/// <summary>`demo` and `tag --run` open their embedded silo's web ports only when asked, as `silo` names them.</summary>
public sealed class EmbeddedPortsTests
{
    [Fact]
    public async Task A_demo_with_web_ports_tags_the_samples_then_serves_the_api_page_and_metrics_until_sigterm()
    {
        var root = RepositoryLayout.FindRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("repository root not found");
        var clips = Directory.GetFiles(Path.Combine(root, "samples", "test"), "*.wav").Length;
        var ports = FreePorts.Take(2);
        using var demo = new ProcessLines("dotnet", $"\"{typeof(EnsembleCli).Assembly.Location}\" demo --http-port {ports[0]} --metrics-port {ports[1]}");
        try
        {
            var serving = await demo.WaitForAsync(l => l.StartsWith(DemoCommand.ServingLine, StringComparison.Ordinal), TimeSpan.FromMinutes(5), DemoCommand.ServingLine);
            Assert.Contains($"http://localhost:{ports[0]}/", serving, StringComparison.Ordinal);
            Assert.DoesNotContain("grpc", serving, StringComparison.Ordinal);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}") };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(OpenInferenceHttp.ReadyRoute)).StatusCode);
            Assert.Contains("<html", await http.GetStringAsync("/"), StringComparison.OrdinalIgnoreCase);
            // The metrics of the demo's own tagging: every sample clip, answered in full.
            var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{ports[1]}/metrics"));
            Assert.Contains($"ensemble_outcome=\"success\"}} {clips.ToString(CultureInfo.InvariantCulture)}", metrics, StringComparison.Ordinal);

            using (var kill = Process.Start("kill", ["-TERM", demo.Process.Id.ToString(CultureInfo.InvariantCulture)]))
                await kill!.WaitForExitAsync();
            await demo.WaitForAsync(l => l == "== stopped", TimeSpan.FromSeconds(60), "== stopped");
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await demo.Process.WaitForExitAsync(exit.Token);
            Assert.Equal(0, demo.Process.ExitCode);
        }
        finally
        {
            if (!demo.Process.HasExited)
                demo.Process.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Web_ports_are_refused_for_a_cluster_and_checked_all_at_once()
    {
        var empty = Directory.CreateTempSubdirectory("ensemble-ports-").FullName;
        try
        {
            var (tagCode, _, tagErr) = await CliRun.RunAsync("tag", empty, "--cluster", "localhost", "--http-port", "8000");
            Assert.Equal(EnsembleCli.UsageExitCode, tagCode);
            Assert.Contains("a cluster's silos open their own", tagErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }

        var (code, _, stderr) = await CliRun.RunAsync("demo", "--http-port", "70000", "--grpc-port", "9000", "--metrics-port", "9000");
        Assert.Equal(EnsembleCli.UsageExitCode, code);
        Assert.Contains("--http-port 70000 is not a port", stderr, StringComparison.Ordinal);
        Assert.Contains("--grpc-port and --metrics-port are both 9000", stderr, StringComparison.Ordinal);
    }
}
