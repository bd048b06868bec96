namespace Ensemble.Cli.Load;

/// <summary>One measurement window: answers that finished in it, their rate and median latency.</summary>
internal sealed record LoadWindow(int Index, int Answered, double ClipsPerSecond, double P50Ms);
