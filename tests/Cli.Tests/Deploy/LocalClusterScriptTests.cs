using System.Globalization;
using System.Diagnostics;
using Ensemble.Cli;
using Ensemble.Client;
using Xunit.Abstractions;

namespace Ensemble.Cli.Tests.Deploy;

/// <summary>
/// deploy/local-cluster.sh as CI runs it: redis-server, two silos serving the shipped demo run, `tag --cluster` over
/// samples/test, a graceful stop; with this build of the CLI.
/// </summary>
public sealed class LocalClusterScriptTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task The_local_cluster_script_starts_two_silos_tags_every_sample_clip_and_stops_them_cleanly()
    {
        var root = Path.GetDirectoryName(DeployFolder.Path)!;
        var clips = Directory.GetFiles(Path.Combine(root, "samples", "test"), "*.wav").Length;
        var output = Path.Combine(Path.GetTempPath(), $"ensemble-local-cluster-{Guid.NewGuid():N}.csv");
        var start = new ProcessStartInfo("bash", [DeployFolder.File("local-cluster.sh"), "--silos", "2", "--out", output])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["ENSEMBLE_CLI"] = typeof(EnsembleCli).Assembly.Location, ["REDIS_PORT"] = FreePorts.Take(1)[0].ToString(CultureInfo.InvariantCulture) },
        };
        using var script = Process.Start(start) ?? throw new InvalidOperationException("cannot start bash");
        var stdout = script.StandardOutput.ReadToEndAsync();
        var stderr = script.StandardError.ReadToEndAsync();
        using (var limit = new CancellationTokenSource(Limit))
        {
            try
            {
                await script.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                script.Kill(entireProcessTree: true);
                throw new TimeoutException($"local-cluster.sh still running after {Limit}: {await stdout} {await stderr}");
            }
        }
        var text = await stdout;
        log.WriteLine(text);
        log.WriteLine(await stderr);
        try
        {
            Assert.Equal(0, script.ExitCode);
            Assert.Contains("local cluster: 2 silos ready", text, StringComparison.Ordinal);
            Assert.Contains($"{clips} tagged, 0 failed", text, StringComparison.Ordinal);
            Assert.Equal(clips + 1, File.ReadAllLines(output).Length);
            Assert.EndsWith("local cluster: stopped", text.TrimEnd(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
