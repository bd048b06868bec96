using System.Globalization;
using Ensemble.Training.Runs;

namespace Ensemble.Grains.Training;

/// <summary>
/// A trainer's <see cref="ITrainingProgress"/>: the lines a local `train --plain` prints (<see cref="TextProgress"/>),
/// handed to the current job's sink as they appear, so the coordinator's event stream reads like a local run.
/// </summary>
public sealed class JobProgress : ITrainingProgress, IDisposable
{
    private readonly Lock _lock = new();
    private readonly StringWriter _buffer = new(CultureInfo.InvariantCulture);
    private readonly TextProgress _text;
    private Action<IReadOnlyList<string>>? _sink;

    public JobProgress() => _text = new TextProgress(_buffer);

    /// <summary>Batches per epoch of the stage that started last (for samples/s).</summary>
    public int BatchesPerEpoch { get; private set; }

    public void Attach(Action<IReadOnlyList<string>>? sink)
    {
        lock (_lock)
            _sink = sink;
    }

    public void StageStarted(string label, int epochs, int completedEpochs, int batchesPerEpoch)
    {
        if (!label.StartsWith("features", StringComparison.Ordinal))
            BatchesPerEpoch = batchesPerEpoch;
        Forward(() => _text.StageStarted(label, epochs, completedEpochs, batchesPerEpoch));
    }

    public void BatchCompleted(string label, int epoch, int batch, double meanLoss) { }

    public void EpochCompleted(string label, EpochMetrics metrics) => Forward(() => _text.EpochCompleted(label, metrics));

    public void StageFinished(string label) => Forward(() => _text.StageFinished(label));

    public void Message(string text) => Forward(() => _text.Message(text));

    private void Forward(Action write)
    {
        string[] lines;
        Action<IReadOnlyList<string>>? sink;
        lock (_lock)
        {
            write();
            lines = _buffer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            _buffer.GetStringBuilder().Clear();
            sink = _sink;
        }
        if (lines.Length > 0)
            sink?.Invoke(lines);
    }

    public void Dispose() => _buffer.Dispose();
}
