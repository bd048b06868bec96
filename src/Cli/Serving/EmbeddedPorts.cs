using Ensemble.Silo.Hosting;

namespace Ensemble.Cli.Serving;

/// <summary>The web ports an embedded silo (`tag --run`, `demo`) opens: each <see cref="SiloSettings.Off"/> (0) unless asked for.</summary>
internal sealed record EmbeddedPorts(int Http, int Grpc, int Metrics)
{
    public static readonly EmbeddedPorts Closed = new(SiloSettings.Off, SiloSettings.Off, SiloSettings.Off);

    public bool AnyOpen => this != Closed;
}
