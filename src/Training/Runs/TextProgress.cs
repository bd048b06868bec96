using System.Globalization;

namespace Ensemble.Training.Runs;

/// <summary>Plain-text progress (one line per epoch and stage), for logs and redirected output.</summary>
public sealed class TextProgress(TextWriter output) : ITrainingProgress
{
    private readonly Dictionary<string, (DateTime Started, int Epochs, int Done)> _stages = [];
    private readonly Lock _gate = new();

    public void StageStarted(string label, int epochs, int completedEpochs, int batchesPerEpoch)
    {
        lock (_gate)
            _stages[label] = (DateTime.UtcNow, epochs, completedEpochs);
        if (!label.StartsWith("features", StringComparison.Ordinal))
            output.WriteLine($"[{label}] {epochs} epoch(s), {completedEpochs} already done, {batchesPerEpoch} batches each");
    }

    public void BatchCompleted(string label, int epoch, int batch, double meanLoss)
    {
    }

    public void EpochCompleted(string label, EpochMetrics metrics)
    {
        string eta;
        lock (_gate)
        {
            var (started, epochs, done) = _stages[label];
            _stages[label] = (started, epochs, done);
            eta = (metrics.Seconds * (epochs - metrics.Epoch)).ToString("F0", CultureInfo.InvariantCulture) + " s";
        }
        var lwlrap = double.IsNaN(metrics.ValidationLwlrap) ? "-" : metrics.ValidationLwlrap.ToString("F4", CultureInfo.InvariantCulture);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[{label}] epoch {metrics.Epoch} lr {metrics.LearningRate:E2} loss {metrics.TrainLoss:F4} val lwlrap {lwlrap} ({metrics.Seconds:F1} s, ETA {eta})"));
    }

    public void StageFinished(string label)
    {
        if (label.StartsWith("features", StringComparison.Ordinal))
            output.WriteLine($"[{label}] done");
    }

    public void Message(string text) => output.WriteLine(text);
}
