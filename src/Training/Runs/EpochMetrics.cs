using System.Globalization;

namespace Ensemble.Training.Runs;

/// <summary>One finished epoch: learning rate, mean training loss, validation lwlrap (NaN without validation), seconds.</summary>
public sealed record EpochMetrics(int Epoch, double LearningRate, double TrainLoss, double ValidationLwlrap, double Seconds)
{
    public static readonly IReadOnlyList<string> CsvHeader = ["epoch", "learning_rate", "train_loss", "val_lwlrap", "seconds"];

    public IReadOnlyList<string> ToCsvFields() =>
    [
        Epoch.ToString(CultureInfo.InvariantCulture),
        LearningRate.ToString("R", CultureInfo.InvariantCulture),
        TrainLoss.ToString("R", CultureInfo.InvariantCulture),
        double.IsNaN(ValidationLwlrap) ? "" : ValidationLwlrap.ToString("R", CultureInfo.InvariantCulture),
        Seconds.ToString("F2", CultureInfo.InvariantCulture),
    ];

    public static void WriteCsv(string path, IEnumerable<EpochMetrics> rows) => Data.Csv.Write(path, CsvHeader, rows.Select(r => r.ToCsvFields()));
}
