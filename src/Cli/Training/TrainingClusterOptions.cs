using System.CommandLine;
using Ensemble.Client;

namespace Ensemble.Cli.Training;

/// <summary>The cluster options `train --cluster`, `jobs` and `cancel` share.</summary>
internal static class TrainingClusterOptions
{
    public static Option<string> Cluster(bool required) => new("--cluster")
    {
        Description = "The cluster: localhost, or redis://[:PASSWORD@]HOST:PORT (rediss:// for TLS).",
        Required = required,
    };

    public static Option<int> GatewayPort() => new("--gateway-port")
    {
        Description = "Gateway port of a localhost cluster's silo.",
        DefaultValueFactory = _ => ClusterDefaults.GatewayPort,
    };
}
