using Ensemble.Audio.Features;

namespace Ensemble.Training.Runs;

/// <summary>One training or validation example: a clip's log-mel (original or a SoX copy) and its 0/1 targets.</summary>
public sealed record TrainingItem(string Name, LogMel Features, float[] Targets);
