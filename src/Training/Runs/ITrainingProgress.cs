namespace Ensemble.Training.Runs;

/// <summary>Receives training progress (console bars, logs, tests).</summary>
public interface ITrainingProgress
{
    void StageStarted(string label, int epochs, int completedEpochs, int batchesPerEpoch);

    void BatchCompleted(string label, int epoch, int batch, double meanLoss);

    void EpochCompleted(string label, EpochMetrics metrics);

    void StageFinished(string label);

    void Message(string text);
}
