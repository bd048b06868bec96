using System.Globalization;
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
        var (exitCode, text) = await DeployScript.RunAsync("local-cluster.sh", ["--silos", "2", "--out", output],
            new Dictionary<string, string> { ["REDIS_PORT"] = FreePorts.Take(1)[0].ToString(CultureInfo.InvariantCulture) }, Limit, log);
        try
        {
            Assert.Equal(0, exitCode);
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
