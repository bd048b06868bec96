using System.Globalization;
using System.Text;
using Ensemble.Training.Blending;
using Ensemble.Training.Manifest;

namespace Ensemble.Training.Runs;

/// <summary>
/// The figures a run reports: OOF lwlrap per model and per blend (equal, OOF-optimised, guarded, side by side with the
/// guard's fold-held-out scores), test lwlrap when labels exist, which blend serves, the manifest.
/// </summary>
public sealed record RunSummary(IReadOnlyList<(string Name, double OofLwlrap)> Models, BlendResult Blend, GuardedBlend Guarded, string ServingBlend,
    TestResults? Test, EnsembleManifest Manifest)
{
    public string ToMarkdown()
    {
        var text = new StringBuilder("| model | OOF lwlrap | fold-held-out OOF lwlrap | test lwlrap | weight (equal / optimised / guarded) |\n|---|---:|---:|---:|---|\n");
        string F(double v) => double.IsNaN(v) ? "n/a" : v.ToString("F4", CultureInfo.InvariantCulture);
        double HeldOut(double shrinkage) => Guarded.Candidates.Single(c => c.Shrinkage == shrinkage).HeldOutLwlrap;
        for (var m = 0; m < Models.Count; m++)
        {
            var test = Test is null || Test.Models.Count == 0 ? double.NaN : Test.Models[m].Lwlrap;
            text.Append(CultureInfo.InvariantCulture, $"| {Models[m].Name} | {F(Models[m].OofLwlrap)} | | {F(test)} | {Blend.EqualWeights[m]:F3} / {Blend.OptimizedWeights[m]:F3} / {Guarded.Weights[m]:F3} |\n");
        }
        string Served(string blend) => ServingBlend == blend ? " (served)" : "";
        text.Append(CultureInfo.InvariantCulture, $"| blend, equal weights{Served(Recipes.Recipe.EqualBlend)} | {F(Blend.EqualOofLwlrap)} | {F(HeldOut(0))} | {F(Test?.EqualBlend ?? double.NaN)} | |\n");
        text.Append(CultureInfo.InvariantCulture, $"| blend, OOF-optimised weights{Served(Recipes.Recipe.OptimizedBlend)} | {F(Blend.OptimizedOofLwlrap)} | {F(HeldOut(1))} | {F(Test?.OptimizedBlend ?? double.NaN)} | |\n");
        text.Append(CultureInfo.InvariantCulture, $"| blend, guarded (shrinkage {Guarded.Shrinkage:0.##}){Served(Recipes.Recipe.GuardedBlend)} | {F(Guarded.OofLwlrap)} | {F(Guarded.HeldOutLwlrap)} | {F(Test?.GuardedBlend ?? double.NaN)} | |\n");
        return text.ToString();
    }
}
