namespace Ensemble.Training.Data;

/// <summary>A clip of a labelled split: its file name, full path, class indices and the CSV line it came from.</summary>
public sealed record LabeledClip(string FileName, string AudioPath, int[] Labels, int Line)
{
    /// <summary>The clip's labels as a 0/1 row of <paramref name="classCount"/> values.</summary>
    public bool[] TruthRow(int classCount)
    {
        var row = new bool[classCount];
        foreach (var label in Labels)
            row[label] = true;
        return row;
    }
}
