namespace Ensemble.Cli.Load;

/// <summary>One reading of a process's resident memory (VmRSS), at a time since the run began.</summary>
internal sealed record MemorySample(TimeSpan At, string Process, long ResidentBytes)
{
    public static double Mib(long bytes) => bytes / (1024.0 * 1024.0);
}
