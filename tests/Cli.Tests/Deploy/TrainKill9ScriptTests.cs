using System.Globalization;
using System.Text.RegularExpressions;
using Ensemble.Client;
using Xunit.Abstractions;

namespace Ensemble.Cli.Tests.Deploy;

/// <summary>
/// deploy/faults/train-kill9.sh as CI runs it (issue 11 with real processes): redis-server, two trainer silos,
/// `train --cluster` over samples/ with the script's tiny recipe, SIGKILL of silo 2 after a job there saved an epoch;
/// the job resumes on silo 1 from that epoch and the run finishes. With this build of the CLI.
/// </summary>
public sealed partial class TrainKill9ScriptTests(ITestOutputHelper log)
{
    // The script takes 2-3 minutes on a loaded 2-core machine; the limit only catches a hang.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    // Clear of local-cluster.sh's ports (LocalClusterScriptTests may run beside it) and of the soaks' PORT_SHIFT=500.
    private const string PortShift = "60";

    [Fact]
    public async Task A_job_on_a_killed_silo_resumes_on_the_other_from_its_last_saved_epoch_and_the_run_finishes()
    {
        var root = Path.GetDirectoryName(DeployFolder.Path)!;
        var run = Path.Combine(Path.GetTempPath(), $"ensemble-train-kill9-{Guid.NewGuid():N}");
        var (exitCode, text) = await DeployScript.RunAsync("faults/train-kill9.sh",
            [Path.Combine(root, "samples"), DeployFolder.File("faults/train-kill9-recipe.json"), run],
            new Dictionary<string, string>
            {
                ["REDIS_PORT"] = FreePorts.Take(1)[0].ToString(CultureInfo.InvariantCulture),
                ["PORT_SHIFT"] = PortShift,
                ["TRAIN_KILL9_LIMIT"] = ((int)(Limit.TotalSeconds - 30)).ToString(CultureInfo.InvariantCulture),
            }, Limit, log);
        try
        {
            Assert.Equal(0, exitCode);
            var killed = KilledLine().Match(text);
            Assert.True(killed.Success, "no line says silo 2 was killed after an epoch");
            var saved = int.Parse(killed.Groups["epoch"].Value, CultureInfo.InvariantCulture);
            var job = killed.Groups["job"].Value;
            var resumed = ResumedLine().Match(text);
            Assert.True(resumed.Success, "no line says the killed job resumed");
            Assert.Equal(job, resumed.Groups["job"].Value);
            var from = int.Parse(resumed.Groups["epoch"].Value, CultureInfo.InvariantCulture);
            Assert.InRange(from, Math.Max(1, saved), int.Parse(killed.Groups["epochs"].Value, CultureInfo.InvariantCulture) - 1);
            Assert.Contains($"resuming after epoch {from}", text, StringComparison.Ordinal);
            Assert.Matches(FinishedLine(), text);
            Assert.True(File.Exists(Path.Combine(run, "ensemble.json")), "no ensemble.json in the run folder");
            Assert.Contains("train-kill9: ok", text, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(run))
                Directory.Delete(run, recursive: true);
        }
    }

    [GeneratedRegex(@"killed silo 2 with SIGKILL after epoch (?<epoch>\d+) of (?<epochs>\d+) of (?<job>\S+)")]
    private static partial Regex KilledLine();

    [GeneratedRegex(@"job (?<job>\S+) resumes on \S+ from epoch (?<epoch>\d+) ")]
    private static partial Regex ResumedLine();

    // The jobs table of `ensemble jobs` at the end: every job of the run finished.
    [GeneratedRegex(@"^run \S+: Finished, (\d+)/\1 jobs finished", RegexOptions.Multiline)]
    private static partial Regex FinishedLine();
}
