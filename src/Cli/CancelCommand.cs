using Ensemble.Cli.Serving;
using System.CommandLine;
using Ensemble.Cli.Training;
using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Cli;

/// <summary>`ensemble cancel RUN --cluster ...`: stops a training run (running jobs stop at their next epoch, unwritten).</summary>
internal static class CancelCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "The run id (see ensemble jobs)." };
        var cluster = TrainingClusterOptions.Cluster(required: true);
        var gatewayPort = TrainingClusterOptions.GatewayPort();
        var command = new Command("cancel", "Cancel a training run on a cluster.") { run, cluster, gatewayPort };
        var tls = new TlsCliOptions();
        tls.AddTo(command);
        command.SetAction((parse, cancellationToken) => TrainingConnection.RunAsync("cancel", parse.GetValue(cluster)!, parse.GetValue(gatewayPort),
            () => tls.Parse(parse), parse.InvocationConfiguration.Error, async connection =>
        {
            var status = await connection.Grains.GetGrain<ITrainingCoordinatorGrain>(parse.GetValue(run)!).CancelAsync();
            if (status.Phase == TrainingRunPhase.Unknown)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"ensemble cancel: no run '{status.RunId}' on this cluster");
                return 1;
            }
            await parse.InvocationConfiguration.Output.WriteAsync(JobsTable.Format(status));
            return 0;
        }, cancellationToken));
        return command;
    }
}
