using Ensemble.Audio.Features;

namespace Ensemble.Training.Features;

/// <summary>A log-mel already in memory (tests, small tools).</summary>
public sealed record InMemoryLogMel(LogMel Value) : ILogMelSource
{
    public int MelBands => Value.MelBands;

    public LogMel Load() => Value;
}
