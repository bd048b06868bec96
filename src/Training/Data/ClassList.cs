namespace Ensemble.Training.Data;

/// <summary>The class names in submission column order (FAT2019: sample_submission.csv's header after fname).</summary>
public sealed class ClassList
{
    private readonly Dictionary<string, int> _index;

    public ClassList(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            throw new ArgumentException("names must hold at least one class.", nameof(names));
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
                throw new ArgumentException($"class {i} has an empty name.", nameof(names));
            if (!_index.TryAdd(names[i], i))
                throw new ArgumentException($"class '{names[i]}' appears twice.", nameof(names));
        }
        Names = names.ToArray();
    }

    public IReadOnlyList<string> Names { get; }
    public int Count => Names.Count;

    public bool TryIndexOf(string name, out int index) => _index.TryGetValue(name, out index);

    /// <summary>Reads the class order from a Kaggle sample submission (header: fname, class…).</summary>
    public static ClassList FromSampleSubmission(string path)
    {
        var fields = Csv.Read(path).Header;
        if (fields.Count < 2 || fields[0] != "fname")
            throw new DatasetFormatException(path, 1, "header must be 'fname' followed by the class names");
        try
        {
            return new ClassList(fields.Skip(1).ToArray());
        }
        catch (ArgumentException e)
        {
            throw new DatasetFormatException(path, 1, e.Message, e);
        }
    }
}
