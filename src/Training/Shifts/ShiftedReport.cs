using System.Globalization;
using System.Text;

namespace Ensemble.Training.Shifts;

/// <summary>lwlrap of each model (its folds averaged) and of the served blend on one evaluated audio folder.</summary>
public sealed record ConditionScores(string Condition, IReadOnlyList<double> ModelLwlrap, double BlendLwlrap);

/// <summary>
/// Plain and shifted lwlrap side by side: the first row is the plain (unshifted) audio, the others one per condition.
/// </summary>
public sealed record ShiftedReport(IReadOnlyList<string> Models, IReadOnlyList<ConditionScores> Rows)
{
    public ConditionScores Plain => Rows[0];

    public IReadOnlyList<ConditionScores> Shifted => Rows.Skip(1).ToArray();

    /// <summary>The unweighted mean over the shifted conditions (null without any), per model and for the blend.</summary>
    public ConditionScores? ShiftedMean => Shifted.Count == 0
        ? null
        : new ConditionScores($"mean of {Shifted.Count} shifted", Models.Select((_, m) => Shifted.Average(r => r.ModelLwlrap[m])).ToArray(), Shifted.Average(r => r.BlendLwlrap));

    public string ToMarkdown()
    {
        var text = new StringBuilder($"| condition | {string.Join(" | ", Models)} | blend |\n|---|{string.Concat(Models.Select(_ => "---:|"))}---:|\n");
        foreach (var row in ShiftedMean is { } mean ? Rows.Append(mean) : Rows)
            text.Append(CultureInfo.InvariantCulture, $"| {row.Condition} | {string.Join(" | ", row.ModelLwlrap.Select(F))} | {F(row.BlendLwlrap)} |\n");
        return text.ToString();
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);
}
