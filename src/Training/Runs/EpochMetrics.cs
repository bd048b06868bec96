using System.Globalization;
using System.Text;

namespace Ensemble.Training.Runs;

/// <summary>One finished epoch: learning rate, mean training loss, validation lwlrap (NaN without validation), seconds.</summary>
public sealed record EpochMetrics(int Epoch, double LearningRate, double TrainLoss, double ValidationLwlrap, double Seconds)
{
    public const string CsvHeader = "epoch,learning_rate,train_loss,val_lwlrap,seconds";

    public string ToCsv() => string.Create(CultureInfo.InvariantCulture,
        $"{Epoch},{LearningRate:R},{TrainLoss:R},{(double.IsNaN(ValidationLwlrap) ? "" : ValidationLwlrap.ToString("R", CultureInfo.InvariantCulture))},{Seconds:F2}");

    public static void WriteCsv(string path, IEnumerable<EpochMetrics> rows)
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var row in rows)
            text.Append(row.ToCsv()).Append('\n');
        File.WriteAllText(path, text.ToString());
    }
}
