using System.CommandLine;
using Ensemble.Cli;

namespace Ensemble.Cli.Tests.Deploy;

/// <summary>A deployment's `ensemble silo ...` arguments, parsed by the real command line: what the silo will run with.</summary>
internal sealed class SiloArguments
{
    private readonly ParseResult _parse;

    private SiloArguments(ParseResult parse, string source)
    {
        _parse = parse;
        Source = source;
    }

    public string Source { get; }

    public static SiloArguments Parse(IReadOnlyList<string> args, string source)
    {
        var parse = EnsembleCli.Build().Parse(args.ToArray());
        Assert.True(parse.Errors.Count == 0, $"{source}: {string.Join("; ", parse.Errors.Select(e => e.Message))} in `{string.Join(' ', args)}`");
        Assert.True(parse.CommandResult.Command.Name == "silo", $"{source}: runs `{parse.CommandResult.Command.Name}`, not `silo`");
        return new SiloArguments(parse, source);
    }

    public int Port(string option) => _parse.GetValue<int>(option);

    public string Value(string option) => _parse.GetValue<string>(option) ?? throw new InvalidOperationException($"{Source}: no {option}");

    /// <summary>The run folder as given (--run).</summary>
    public string Run => _parse.GetValue<DirectoryInfo?>("--run")?.ToString() ?? throw new InvalidOperationException($"{Source}: no --run");

    /// <summary>The ports a deployment must open, by the option that sets each.</summary>
    public IReadOnlyDictionary<string, int> Ports => new[] { "--silo-port", "--gateway-port", "--http-port", "--grpc-port", "--metrics-port" }
        .ToDictionary(o => o, Port, StringComparer.Ordinal);

    /// <summary>The Redis membership store's host and port (redis://HOST:PORT).</summary>
    public (string Host, int Port) Redis
    {
        get
        {
            var uri = new Uri(Value("--cluster"));
            Assert.Equal("redis", uri.Scheme);
            return (uri.Host, uri.Port);
        }
    }
}
