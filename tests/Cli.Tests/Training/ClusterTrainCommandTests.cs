using Ensemble.Client;
using Ensemble.Grains.Placement;
using Ensemble.Grains.Training;
using Ensemble.Silo.Hosting;
using Ensemble.Training.Recipes;
using Ensemble.Training.Runs;
using Ensemble.Training.Tests.TestSupport;
using Microsoft.Extensions.Hosting;

namespace Ensemble.Cli.Tests.Training;

/// <summary>`train --cluster`, `jobs` and `cancel` against a silo that joined as a CPU trainer (localhost clustering).</summary>
public sealed class ClusterTrainCommandTests
{
    [Fact]
    public async Task Train_on_a_cluster_streams_progress_and_jobs_and_cancel_report_the_run()
    {
        using var data = TinyData.Dataset();
        using var work = new TempFolder();
        var recipe = Path.Combine(work.Path, "tiny.json");
        RecipeJson.Save(TinyData.Recipe(), recipe);
        var ports = FreePorts.Take(2);
        var settings = new SiloSettings(null, GpuInventory.None, ClusterEndpoint.Parse(ClusterEndpoint.Localhost), ports[0], ports[1], primarySiloPort: ports[0],
            hedging: false, training: new TrainingOptions([TrainingOptions.CpuDevice], RunProvenance.GitCommit(AppContext.BaseDirectory)));
        using var silo = SiloHost.Build(settings);
        await silo.StartAsync();
        try
        {
            var gateway = ports[1].ToString(System.Globalization.CultureInfo.InvariantCulture);
            var run = Path.Combine(work.Path, "tiny-run");
            var (code, output, error) = await CliRun.RunAsync("train", "--cluster", "localhost", "--gateway-port", gateway, "--data", data.Path,
                "--recipe", recipe, "--out", run, "--cache", Path.Combine(work.Path, "cache"), "--serve");
            Assert.True(code == 0, error + output);
            Assert.Contains("run tiny-run submitted", output, StringComparison.Ordinal);
            Assert.Contains("[cnn fold 2/2] epoch 2 lr", output, StringComparison.Ordinal); // the local line form
            Assert.Contains("job cnn/fold-1 starts on", output, StringComparison.Ordinal);
            Assert.Contains("run tiny-run: Finished, 5/5 jobs finished", output, StringComparison.Ordinal);
            Assert.Contains("serving manifest", output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(run, "ensemble.json")));

            var jobs = await CliRun.RunAsync("jobs", "--cluster", "localhost", "--gateway-port", gateway);
            Assert.Equal(0, jobs.Code);
            Assert.Contains("run tiny-run: Finished", jobs.Out, StringComparison.Ordinal);
            Assert.Contains("cnn/fold-0", jobs.Out, StringComparison.Ordinal);
            Assert.Contains("epoch 2/2", jobs.Out, StringComparison.Ordinal);

            var cancelFinished = await CliRun.RunAsync("cancel", "tiny-run", "--cluster", "localhost", "--gateway-port", gateway);
            Assert.Equal(0, cancelFinished.Code);
            Assert.Contains("Finished", cancelFinished.Out, StringComparison.Ordinal); // a finished run stays finished
            var cancelUnknown = await CliRun.RunAsync("cancel", "no-such-run", "--cluster", "localhost", "--gateway-port", gateway);
            Assert.Equal(1, cancelUnknown.Code);
            Assert.Contains("no run 'no-such-run'", cancelUnknown.Err, StringComparison.Ordinal);
        }
        finally
        {
            await silo.StopAsync();
        }
    }
}
