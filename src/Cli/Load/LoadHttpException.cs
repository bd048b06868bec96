using System.Net;

namespace Ensemble.Cli.Load;

/// <summary>The front door answered with an error status (e.g. 429 when a model's queue is full).</summary>
internal sealed class LoadHttpException(HttpStatusCode status, string body)
    : Exception($"HTTP {(int)status}: {body}")
{
    public HttpStatusCode Status { get; } = status;
}
