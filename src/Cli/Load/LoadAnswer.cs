namespace Ensemble.Cli.Load;

/// <summary>What the server said about one answered request: partial or not, and its own queue and compute time
/// (the slowest model's, the critical path of a blended answer).</summary>
internal sealed record LoadAnswer(bool IsPartial, double QueueMs, double ComputeMs);
