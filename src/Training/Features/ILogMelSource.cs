using Ensemble.Audio.Features;

namespace Ensemble.Training.Features;

/// <summary>A clip's log-mel, loaded when a batch needs it: runs hold shapes and paths, not every clip's values.</summary>
public interface ILogMelSource
{
    int MelBands { get; }

    LogMel Load();
}
