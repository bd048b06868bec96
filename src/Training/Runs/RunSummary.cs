using System.Globalization;
using System.Text;
using Ensemble.Training.Blending;
using Ensemble.Training.Manifest;

namespace Ensemble.Training.Runs;

/// <summary>The figures a run reports: OOF lwlrap per model and per blend, test lwlrap when labels exist, the manifest.</summary>
public sealed record RunSummary(IReadOnlyList<(string Name, double OofLwlrap)> Models, BlendResult Blend, TestResults? Test, EnsembleManifest Manifest)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder("| model | OOF lwlrap | test lwlrap | weight (equal / OOF-optimised) |\n|---|---:|---:|---|\n");
        string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("F4", CultureInfo.InvariantCulture);
        for (var m = 0; m < Models.Count; m++)
        {
            var test = Test is null || Test.Models.Count == 0 ? double.NaN : Test.Models[m].Lwlrap;
            text.Append(CultureInfo.InvariantCulture, $"| {Models[m].Name} | {F(Models[m].OofLwlrap)} | {F(test)} | {Blend.EqualWeights[m]:F3} / {Blend.OptimizedWeights[m]:F3} |\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"| blend, equal weights | {F(Blend.EqualOofLwlrap)} | {F(Test?.EqualBlend ?? double.NaN)} | |\n");
        text.Append(CultureInfo.InvariantCulture, $"| blend, OOF-optimised weights | {F(Blend.OptimizedOofLwlrap)} | {F(Test?.OofBlend ?? double.NaN)} | |\n");
        return text.ToString();
    }
}
