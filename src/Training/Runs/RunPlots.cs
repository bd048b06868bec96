using Ensemble.Training.Data;
using Ensemble.Training.Metrics;
using ScottPlot;

namespace Ensemble.Training.Runs;

/// <summary>PNG plots in &lt;run&gt;/plots: training loss and validation lwlrap per epoch per fold (one pair per model), per-class OOF lwlrap bars.</summary>
public static class RunPlots
{
    public const string Folder = "plots";
    public const int WidthPixels = 1000;
    public const int HeightPixels = 560;

    public static IReadOnlyList<string> Write(string run, IReadOnlyList<ModelOutcome> outcomes, ClassList classes, float[] blendOof, bool[] truth)
    {
        var folder = Path.Combine(run, Folder);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var outcome in outcomes)
        {
            written.Add(Curves(Path.Combine(folder, $"{outcome.Name}-loss.png"), $"{outcome.Name}: training loss per epoch", "BCE loss",
                outcome.Folds.Select(f => f.History.Select(h => h.TrainLoss).ToArray()).ToArray()));
            written.Add(Curves(Path.Combine(folder, $"{outcome.Name}-lwlrap.png"), $"{outcome.Name}: validation lwlrap per epoch", "lwlrap",
                outcome.Folds.Select(f => f.History.Select(h => h.ValidationLwlrap).ToArray()).ToArray()));
        }
        var perClass = Lwlrap.Compute(truth, blendOof, classes.Count);
        written.Add(Bars(Path.Combine(folder, "per-class-lwlrap.png"), classes, perClass));
        return written;
    }

    private static string Curves(string path, string title, string yLabel, double[][] folds)
    {
        using var plot = new Plot();
        for (var f = 0; f < folds.Length; f++)
        {
            var ys = folds[f];
            var xs = Enumerable.Range(1, ys.Length).Select(x => (double)x).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = $"fold {f + 1}";
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.ShowLegend();
        plot.SavePng(path, WidthPixels, HeightPixels);
        return path;
    }

    private static string Bars(string path, ClassList classes, LwlrapResult result)
    {
        using var plot = new Plot();
        var values = result.PerClass.Select(v => double.IsNaN(v) ? 0 : v).ToArray();
        plot.Add.Bars(values);
        var ticks = Enumerable.Range(0, classes.Count).Select(i => new Tick(i, classes.Names[i])).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 90;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 230;
        plot.Title($"OOF lwlrap per class (serving blend), overall {result.Overall:F4}");
        plot.YLabel("lwlrap");
        plot.Axes.SetLimitsY(0, 1.05);
        plot.SavePng(path, Math.Max(WidthPixels, 28 * classes.Count), HeightPixels + 200);
        return path;
    }
}
