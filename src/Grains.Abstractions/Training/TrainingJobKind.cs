namespace Ensemble.Grains.Abstractions.Training;

/// <summary>What a job does: prepare the run folder, train one stage (noisy pretraining or one fold), or assemble the ensemble.</summary>
public enum TrainingJobKind
{
    Prepare,
    Stage,
    Assemble,
}
