using System.Globalization;
using Ensemble.Client;

namespace Ensemble.Cli.Tests;

/// <summary>`--tls-cert/--tls-key/--tls-ca` and `--cluster rediss://` on the command line: usage errors are one line
/// (rc 2) naming every problem, and a Redis password never reaches the output.</summary>
public sealed class TlsOptionsTests
{
    [Fact]
    public async Task Tls_options_go_together()
    {
        var (code, _, stderr) = await CliRun.RunAsync("silo", "--gpus", "none", "--tls-cert", "silo.pem");
        Assert.Equal(EnsembleCli.UsageExitCode, code);
        Assert.Equal("ensemble silo: give --tls-cert, --tls-key and --tls-ca together (missing: --tls-key, --tls-ca)", stderr.Trim());
    }

    [Fact]
    public async Task Missing_tls_files_are_one_line_naming_each()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"ensemble-no-tls-{Guid.NewGuid():N}");
        var (code, _, stderr) = await CliRun.RunAsync("tag", Path.GetTempPath(), "--cluster", "localhost",
            "--tls-cert", missing + ".pem", "--tls-key", missing + ".key", "--tls-ca", missing + "-ca.pem");
        Assert.Equal(EnsembleCli.UsageExitCode, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ensemble tag: TLS settings: ", line, StringComparison.Ordinal);
        foreach (var file in new[] { missing + ".pem", missing + ".key", missing + "-ca.pem" })
            Assert.Contains($"{file}: no such file", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("cancel", "run-1")]
    [InlineData("train", "--data", ".", "--recipe", "recipes/cpu-quick.json", "--out", "run-1")]
    public async Task Training_cluster_commands_report_unusable_tls_files_as_usage_errors(string command, params string[] arguments)
    {
        var missing = Path.Combine(Path.GetTempPath(), $"ensemble-no-tls-{Guid.NewGuid():N}");
        var (code, _, stderr) = await CliRun.RunAsync([command, .. arguments, "--cluster", "localhost",
            "--tls-cert", missing + ".pem", "--tls-key", missing + ".key", "--tls-ca", missing + "-ca.pem"]);
        Assert.Equal(EnsembleCli.UsageExitCode, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"ensemble {command}: TLS settings: ", line, StringComparison.Ordinal);
        Assert.Contains($"{missing}.key: no such file", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_without_a_live_gateway_is_one_line_and_rc_1()
    {
        // Nothing listens on this port: the client gives up after ClusterDefaults.ConnectTimeout.
        var (code, stdout, stderr) = await CliRun.RunAsync("jobs", "--cluster", "localhost", "--gateway-port", FreePorts.Take(1)[0].ToString(CultureInfo.InvariantCulture));
        Assert.Equal(1, code);
        Assert.Empty(stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ensemble jobs: no silo of cluster localhost", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_rediss_address_is_reported_without_its_password()
    {
        var (code, _, stderr) = await CliRun.RunAsync("load", "--cluster", "rediss://:hunter2@redis.internal", "--clips", Path.GetTempPath());
        Assert.Equal(EnsembleCli.UsageExitCode, code);
        Assert.Contains("rediss://***@redis.internal", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stderr, StringComparison.Ordinal);
    }
}
