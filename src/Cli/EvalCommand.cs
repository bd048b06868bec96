using System.CommandLine;
using System.Globalization;
using Ensemble.Audio;
using Ensemble.Models.Checkpoints;
using Ensemble.Training.Data;
using Ensemble.Training.Manifest;
using Ensemble.Training.Metrics;
using Ensemble.Training.Shifts;

namespace Ensemble.Cli;

/// <summary>
/// `ensemble eval --truth test.csv --pred submission.csv`: lwlrap of a submission; or `ensemble eval --run RUN --audio
/// DIR --truth test.csv [--shifted SHIFTDIR]`: each model's and the blend's lwlrap on the plain clips and on every
/// condition of a shifted set, side by side. The last line is always `lwlrap <value>` (the submission's, or the plain
/// blend's).
/// </summary>
internal static class EvalCommand
{
    public const int DefaultDigits = 6;

    public static Command Create()
    {
        var truth = new Option<FileInfo>("--truth") { Description = "Labelled CSV (fname,labels), e.g. test.csv.", Required = true };
        var pred = new Option<FileInfo>("--pred") { Description = "Submission CSV (fname + one score column per class)." };
        var run = new Option<DirectoryInfo>("--run") { Description = "Run folder holding ensemble.json: score it per model and blended (instead of --pred)." };
        var audio = new Option<DirectoryInfo>("--audio") { Description = "With --run: folder of the plain .wav clips --truth labels." };
        var shifted = new Option<DirectoryInfo>("--shifted") { Description = "With --run: a shifted set from `ensemble shift`, scored condition by condition." };
        var classes = new Option<FileInfo?>("--classes")
        {
            Description = "With --pred: the sample submission whose columns the submission must have (default: sample_submission.csv beside --truth, if any).",
        };
        var perClass = new Option<bool>("--per-class") { Description = "With --pred: print per-class lwlrap, label counts and weights first." };
        var digits = new Option<int>("--digits") { Description = "Decimals of the printed lwlrap (6..17).", DefaultValueFactory = _ => DefaultDigits };
        var command = new Command("eval", "Score a submission, or a run on plain and shifted audio, with lwlrap (ties counted pessimistically, as scikit-learn).")
        {
            truth, pred, run, audio, shifted, classes, perClass, digits,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var problems = new List<string>();
            var decimals = parse.GetValue(digits);
            if (decimals is < DefaultDigits or > 17)
                problems.Add($"--digits must be 6..17, got {decimals}");
            var runDir = parse.GetValue(run);
            var predFile = parse.GetValue(pred);
            if ((runDir is null) == (predFile is null))
                problems.Add("give either --pred or --run");
            if (runDir is not null && parse.GetValue(audio) is null)
                problems.Add("--run needs --audio (the plain clips)");
            if (runDir is null && (parse.GetValue(audio) is not null || parse.GetValue(shifted) is not null))
                problems.Add("--audio and --shifted go with --run");
            if (runDir is not null && (parse.GetValue(perClass) || parse.GetValue(classes) is not null))
                problems.Add("--per-class and --classes go with --pred");
            if (problems.Count > 0)
            {
                error.WriteLine($"ensemble eval: {string.Join("; ", problems)}");
                return EnsembleCli.UsageExitCode;
            }
            string Format(double v) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);
            try
            {
                if (predFile is not null)
                {
                    var (scored, result) = SubmissionEvaluator.Evaluate(parse.GetValue(truth)!.FullName, predFile.FullName, parse.GetValue(classes)?.FullName);
                    if (parse.GetValue(perClass))
                        output.Write(PerClassReport.Table(scored, result));
                    output.WriteLine($"lwlrap {Format(result.Overall)}");
                    return 0;
                }
                var folder = runDir!.FullName;
                var manifest = EnsembleManifest.Load(Path.Combine(folder, EnsembleManifest.FileName));
                var folders = ShiftedEvaluator.Folders(parse.GetValue(audio)!.FullName, parse.GetValue(truth)!.FullName, parse.GetValue(shifted)?.FullName);
                var report = ShiftedEvaluator.Evaluate(folder, manifest, folders, error.WriteLine);
                output.Write(report.ToMarkdown());
                if (report.ShiftedMean is { } mean)
                    output.WriteLine($"shifted lwlrap {Format(mean.BlendLwlrap)}");
                output.WriteLine($"lwlrap {Format(report.Plain.BlendLwlrap)}");
                return 0;
            }
            catch (Exception e) when (e is DatasetFormatException or DatasetIssuesException or AudioFormatException or InvalidDataException
                                          or FileNotFoundException or DirectoryNotFoundException or CheckpointException)
            {
                error.WriteLine($"ensemble eval: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
