namespace Ensemble.Training.Data;

/// <summary>
/// A dataset in the FAT2019 layout. <see cref="Curated"/>, <see cref="Noisy"/> and <see cref="TestLabeled"/> hold only
/// the rows without issues; <see cref="Issues"/> lists every row or file left out and why.
/// </summary>
public sealed record FatDataset(
    string Root,
    ClassList Classes,
    IReadOnlyList<LabeledClip> Curated,
    IReadOnlyList<LabeledClip> Noisy,
    IReadOnlyList<string> TestAudioPaths,
    IReadOnlyList<LabeledClip>? TestLabeled,
    IReadOnlyList<DatasetIssue> Issues)
{
    public const string CuratedCsv = "train_curated.csv";
    public const string CuratedFolder = "train_curated";
    public const string NoisyCsv = "train_noisy.csv";
    public const string NoisyFolder = "train_noisy";
    public const string TestFolder = "test";
    public const string TestCsv = "test.csv";
    public const string SampleSubmissionCsv = "sample_submission.csv";

    /// <summary>
    /// Reads <paramref name="root"/>: sample_submission.csv (class order), train_curated.csv + folder, and when
    /// present train_noisy.csv + folder, the test folder and a labelled test.csv.
    /// </summary>
    public static FatDataset Read(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"Data folder '{root}' does not exist.");
        var classes = ClassList.FromSampleSubmission(Path.Combine(root, SampleSubmissionCsv));
        var issues = new List<DatasetIssue>();
        var curated = LabelCsvReader.Read(Path.Combine(root, CuratedCsv), Path.Combine(root, CuratedFolder), classes, issues);
        var noisyCsv = Path.Combine(root, NoisyCsv);
        var noisy = File.Exists(noisyCsv)
            ? LabelCsvReader.Read(noisyCsv, Path.Combine(root, NoisyFolder), classes, issues)
            : [];
        var testDir = Path.Combine(root, TestFolder);
        var testAudio = Directory.Exists(testDir)
            ? Directory.EnumerateFiles(testDir, "*.wav").Order(StringComparer.Ordinal).ToArray()
            : [];
        var testCsv = Path.Combine(root, TestCsv);
        var testLabeled = File.Exists(testCsv) ? LabelCsvReader.Read(testCsv, testDir, classes, issues) : null;
        return new FatDataset(Path.GetFullPath(root), classes, curated, noisy, testAudio, testLabeled, issues);
    }
}
