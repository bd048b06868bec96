using System.Globalization;
using System.Text;
using Ensemble.Training.Data;

namespace Ensemble.Training.Metrics;

/// <summary>Text and CSV tables of per-class lwlrap (class, true labels, weight, lwlrap).</summary>
public static class PerClassReport
{
    public static string Table(ClassList classes, LwlrapResult result)
    {
        var width = Math.Max(5, classes.Names.Max(n => n.Length));
        var text = new StringBuilder();
        text.Append("class".PadRight(width)).Append("  labels   weight    lwlrap\n");
        for (var c = 0; c < classes.Count; c++)
        {
            var value = double.IsNaN(result.PerClass[c]) ? "n/a" : result.PerClass[c].ToString("F6", CultureInfo.InvariantCulture);
            text.Append(classes.Names[c].PadRight(width))
                .Append(result.LabelCounts[c].ToString(CultureInfo.InvariantCulture).PadLeft(8))
                .Append(result.Weights[c].ToString("F6", CultureInfo.InvariantCulture).PadLeft(9))
                .Append(value.PadLeft(10)).Append('\n');
        }
        return text.ToString();
    }

    public static void WriteCsv(string path, ClassList classes, LwlrapResult result)
    {
        Csv.Write(path, ["class", "labels", "weight", "lwlrap"], Enumerable.Range(0, classes.Count).Select(c => (IReadOnlyList<string>)
        [
            classes.Names[c],
            result.LabelCounts[c].ToString(CultureInfo.InvariantCulture),
            result.Weights[c].ToString("R", CultureInfo.InvariantCulture),
            double.IsNaN(result.PerClass[c]) ? "" : result.PerClass[c].ToString("R", CultureInfo.InvariantCulture),
        ]));
    }
}
