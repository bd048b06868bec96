using Ensemble.Audio.Features;
using Ensemble.Training.Features;

namespace Ensemble.Training.Runs;

/// <summary>One training or validation example: a clip's log-mel (original or a SoX copy, loaded when used) and its 0/1 targets.</summary>
public sealed record TrainingItem(string Name, ILogMelSource Features, float[] Targets)
{
    public TrainingItem(string name, LogMel features, float[] targets)
        : this(name, new InMemoryLogMel(features), targets)
    {
    }
}
