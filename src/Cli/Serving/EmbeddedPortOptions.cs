using System.CommandLine;
using Ensemble.Silo.Hosting;

namespace Ensemble.Cli.Serving;

/// <summary>
/// `--http-port`, `--grpc-port`, `--metrics-port` on the commands that start an embedded silo, as `silo` has them
/// (same names, same meaning), but closed unless given: a one-shot command does not take ports by default.
/// </summary>
internal sealed class EmbeddedPortOptions
{
    private const int MaxPort = 65535;

    public Option<int> Http { get; } = new("--http-port") { Description = "Open the embedded silo's Open Inference Protocol HTTP port and its web page (default 0: closed)." };
    public Option<int> Grpc { get; } = new("--grpc-port") { Description = "Open the embedded silo's Open Inference Protocol gRPC port (default 0: closed)." };
    public Option<int> Metrics { get; } = new("--metrics-port") { Description = "Open the embedded silo's Prometheus /metrics port (default 0: closed)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Http);
        command.Options.Add(Grpc);
        command.Options.Add(Metrics);
    }

    /// <exception cref="ArgumentException">Every port out of 0..65535, or two the same, in one message.</exception>
    public EmbeddedPorts Parse(ParseResult parse)
    {
        var given = new[] { (Http.Name, parse.GetValue(Http)), (Grpc.Name, parse.GetValue(Grpc)), (Metrics.Name, parse.GetValue(Metrics)) };
        var problems = given.Where(p => p.Item2 is < 0 or > MaxPort).Select(p => $"{p.Name} {p.Item2} is not a port (0..{MaxPort}, 0 = closed)").ToList();
        problems.AddRange(given.Where(p => p.Item2 != SiloSettings.Off).GroupBy(p => p.Item2).Where(g => g.Count() > 1)
            .Select(g => $"{string.Join(" and ", g.Select(p => p.Name))} are both {g.Key}"));
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems));
        return new EmbeddedPorts(given[0].Item2, given[1].Item2, given[2].Item2);
    }

    /// <summary>Whether any of the three was given (to refuse them where no embedded silo starts).</summary>
    public bool AnyGiven(ParseResult parse) => parse.GetResult(Http) is { Implicit: false } || parse.GetResult(Grpc) is { Implicit: false } || parse.GetResult(Metrics) is { Implicit: false };
}
