using Ensemble.Audio.Features;
using Ensemble.Models.Inference;
using Ensemble.Training.Data;
using Ensemble.Training.Manifest;
using Ensemble.Training.Metrics;
using Ensemble.Training.Runs;

namespace Ensemble.Training.Shifts;

/// <summary>An audio folder to score and the truth CSV for its clips.</summary>
public sealed record EvaluationFolder(string Name, string AudioFolder, string TruthCsv);

/// <summary>
/// Scores a run's ensemble on the plain audio and on every condition of a shifted set with
/// <see cref="EnsemblePredictor.PredictEach"/> (the scoring `predict` uses), keeping each model's own scores: a model is the manifest
/// entries of one <see cref="ManifestModel.ModelName"/>, its folds averaged by their weights; the blend is the manifest's weights.
/// </summary>
public static class ShiftedEvaluator
{
    public static ShiftedReport Evaluate(string runDirectory, EnsembleManifest manifest, IReadOnlyList<EvaluationFolder> folders,
        Action<string>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (folders.Count == 0)
            throw new ArgumentException("at least one folder is needed", nameof(folders));
        var classes = new ClassList(manifest.Classes);
        var groups = manifest.Models.GroupBy(m => m.ModelName).Select(g => (Name: g.Key, Members: g.ToArray())).ToArray();
        var rows = new List<ConditionScores>();
        foreach (var folder in folders)
        {
            cancellation.ThrowIfCancellationRequested();
            var (truth, clips, names) = Load(folder, classes, manifest);
            var parts = EnsemblePredictor.PredictEach(runDirectory, manifest, names, clips);
            var perModel = manifest.Models.Select((m, i) => (m.Name, parts[i])).ToDictionary(p => p.Name, p => p.Item2, StringComparer.Ordinal);
            double Score(IEnumerable<ManifestModel> members)
            {
                var list = members.ToArray();
                var weights = list.Select(m => m.Weight).ToArray();
                // A model the blend gave no weight still has a score of its own: its folds equally.
                if (!(weights.Sum() > 0))
                    weights = WeightedBlend.EqualWeights(list.Length);
                return Lwlrap.Compute(truth, WeightedBlend.Apply(list.Select(m => perModel[m.Name]).ToArray(), weights), classes.Count).Overall;
            }
            var row = new ConditionScores(folder.Name, groups.Select(g => Score(g.Members)).ToArray(), Score(manifest.Models));
            rows.Add(row);
            progress?.Invoke($"{folder.Name}: blend lwlrap {row.BlendLwlrap:F4}");
        }
        return new ShiftedReport(groups.Select(g => g.Name).ToArray(), rows);
    }

    /// <summary>The folders of a shifted set, after the plain one.</summary>
    public static IReadOnlyList<EvaluationFolder> Folders(string plainAudio, string truthCsv, string? shiftedSet)
    {
        var folders = new List<EvaluationFolder> { new("plain", plainAudio, truthCsv) };
        if (shiftedSet is not null)
        {
            var set = ShiftedSetManifest.Load(shiftedSet);
            folders.AddRange(set.Conditions.Select(c => new EvaluationFolder(c.Name, Path.Combine(shiftedSet, c.Name), Path.Combine(shiftedSet, c.Name, set.Truth))));
        }
        return folders;
    }

    private static (bool[] Truth, LogMel[] Clips, string[] Names) Load(EvaluationFolder folder, ClassList classes, EnsembleManifest manifest)
    {
        if (!Directory.Exists(folder.AudioFolder))
            throw new DirectoryNotFoundException($"Audio folder '{folder.AudioFolder}' does not exist.");
        var issues = new List<DatasetIssue>();
        var labeled = LabelCsvReader.Read(folder.TruthCsv, folder.AudioFolder, classes, issues);
        if (issues.Count > 0)
            throw new DatasetIssuesException(issues, reportPath: null);
        var clips = EnsemblePredictor.LogMels(manifest, labeled.Select(c => Path.Combine(folder.AudioFolder, c.FileName)));
        var truth = labeled.SelectMany(c => c.TruthRow(classes.Count)).ToArray();
        return (truth, clips, labeled.Select(c => c.FileName).ToArray());
    }
}
