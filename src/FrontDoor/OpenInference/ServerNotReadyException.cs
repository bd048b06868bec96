namespace Ensemble.FrontDoor.OpenInference;

/// <summary>A call failed while this silo is not ready (no manifest active yet, warming up, stopping): the cluster may
/// serve it soon, so it is "unavailable" (HTTP 503, gRPC UNAVAILABLE), not a server fault. The failure is the inner exception.</summary>
public sealed class ServerNotReadyException(string reason, Exception inner)
    : Exception($"the server is not ready ({reason}): {inner.Message}", inner);
