using System.Globalization;
using Spectre.Console;

namespace Ensemble.Training.Runs;

/// <summary>Spectre.Console progress bars: one task per stage (stage, fold, epoch, loss, lwlrap) with elapsed time and ETA.</summary>
public sealed class SpectreProgress(ProgressContext context) : ITrainingProgress
{
    private readonly Dictionary<string, (ProgressTask Task, int Batches)> _tasks = [];
    private readonly Dictionary<string, string> _lastLwlrap = [];
    private readonly Lock _gate = new();

    public void StageStarted(string label, int epochs, int completedEpochs, int batchesPerEpoch)
    {
        lock (_gate)
        {
            var task = context.AddTask(Markup.Escape(label), maxValue: Math.Max(1, epochs * (double)batchesPerEpoch));
            task.Value = completedEpochs * (double)batchesPerEpoch;
            _tasks[label] = (task, batchesPerEpoch);
        }
    }

    public void BatchCompleted(string label, int epoch, int batch, double meanLoss)
    {
        lock (_gate)
        {
            var (task, batches) = _tasks[label];
            task.Value = (epoch - 1) * (double)batches + batch;
            if (!double.IsNaN(meanLoss))
            {
                _lastLwlrap.TryGetValue(label, out var lwlrap);
                task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{label} epoch {epoch} loss {meanLoss:F4}{lwlrap}"));
            }
        }
    }

    public void EpochCompleted(string label, EpochMetrics metrics)
    {
        lock (_gate)
        {
            var lwlrap = double.IsNaN(metrics.ValidationLwlrap) ? "" : string.Create(CultureInfo.InvariantCulture, $" lwlrap {metrics.ValidationLwlrap:F4}");
            _lastLwlrap[label] = lwlrap;
            _tasks[label].Task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{label} epoch {metrics.Epoch} loss {metrics.TrainLoss:F4}{lwlrap}"));
        }
    }

    public void StageFinished(string label)
    {
        lock (_gate)
        {
            var task = _tasks[label].Task;
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }

    public void Message(string text) => AnsiConsole.MarkupLine(Markup.Escape(text));
}
