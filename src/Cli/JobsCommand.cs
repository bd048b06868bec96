using Ensemble.Cli.Serving;
using System.CommandLine;
using Ensemble.Cli.Training;
using Ensemble.Client;
using Ensemble.Grains.Abstractions.Training;

namespace Ensemble.Cli;

/// <summary>`ensemble jobs --cluster ... [RUN]`: the training runs of a cluster and their job tables.</summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var run = new Argument<string?>("run") { Description = "Only this run (default: every run submitted to the cluster).", Arity = ArgumentArity.ZeroOrOne };
        var cluster = TrainingClusterOptions.Cluster(required: true);
        var gatewayPort = TrainingClusterOptions.GatewayPort();
        var command = new Command("jobs", "List the training runs of a cluster and their jobs.") { run, cluster, gatewayPort };
        var tls = new TlsCliOptions();
        tls.AddTo(command);
        command.SetAction((parse, cancellationToken) => TrainingConnection.RunAsync("jobs", parse.GetValue(cluster)!, parse.GetValue(gatewayPort),
            () => tls.Parse(parse), parse.InvocationConfiguration.Error, async connection =>
        {
            var runs = parse.GetValue(run) is { } one
                ? [one]
                : await connection.Grains.GetGrain<ITrainingRunIndexGrain>(ITrainingRunIndexGrain.SingletonKey).ListAsync();
            var output = parse.InvocationConfiguration.Output;
            if (runs.Count == 0)
                await output.WriteLineAsync("no training runs");
            foreach (var id in runs)
                await output.WriteAsync(JobsTable.Format(await connection.Grains.GetGrain<ITrainingCoordinatorGrain>(id).GetStatusAsync()));
            return 0;
        }, cancellationToken));
        return command;
    }
}
