namespace Ensemble.Cli;

/// <summary>Summarises a FAT2019-layout folder: clips per split and the class count.</summary>
internal static class SampleData
{
    private static readonly string[] Splits = ["train_curated", "train_noisy", "test"];

    public static void Describe(TextWriter output, string? folder)
    {
        if (folder is null || !Directory.Exists(folder))
        {
            output.WriteLine("sample data     not found (set ENSEMBLE_HOME to the repository root)");
            return;
        }
        var parts = Splits.Select(s => (split: s, dir: Path.Combine(folder, s)))
                          .Where(p => Directory.Exists(p.dir))
                          .Select(p => $"{p.split} {Directory.GetFiles(p.dir, "*.wav").Length} clips");
        var submission = Path.Combine(folder, "sample_submission.csv");
        var classes = File.Exists(submission) ? Ensemble.Training.Data.ClassList.FromSampleSubmission(submission).Count : 0;
        output.WriteLine($"sample data     {folder}: {string.Join(", ", parts)}; {classes} classes");
    }
}
