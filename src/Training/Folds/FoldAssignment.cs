using System.Globalization;
using Ensemble.Training.Data;

namespace Ensemble.Training.Folds;

/// <summary>Which fold each curated clip is validated in; saved in the run folder as folds.csv (fname,fold).</summary>
public sealed record FoldAssignment(int FoldCount, IReadOnlyDictionary<string, int> FoldOf)
{
    public const string FileName = "folds.csv";

    public static FoldAssignment Create(IReadOnlyList<LabeledClip> clips, int classCount, int folds, int seed)
    {
        var assignment = IterativeStratification.Assign(clips.Select(c => c.Labels).ToArray(), classCount, folds, seed);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < clips.Count; i++)
            map.Add(clips[i].FileName, assignment[i]);
        return new FoldAssignment(folds, map);
    }

    public void Save(string path)
    {
        Csv.Write(path, ["fname", "fold"],
            FoldOf.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (IReadOnlyList<string>)[p.Key, p.Value.ToString(CultureInfo.InvariantCulture)]));
    }

    public static FoldAssignment Load(string path, int folds)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (lineNumber, parts) in Csv.Read(path).Rows)
        {
            if (parts.Count != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var fold) || fold >= folds)
                throw new DatasetFormatException(path, lineNumber, $"expected 'fname,fold' with fold in 0..{folds - 1}");
            map[parts[0]] = fold;
        }
        return new FoldAssignment(folds, map);
    }
}
