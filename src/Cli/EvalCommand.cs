using System.CommandLine;
using System.Globalization;
using Ensemble.Training.Data;
using Ensemble.Training.Metrics;

namespace Ensemble.Cli;

/// <summary>`ensemble eval --truth test.csv --pred submission.csv`: lwlrap of a submission; the last line is `lwlrap <value>`.</summary>
public static class EvalCommand
{
    public const int DefaultDigits = 6;

    public static Command Create()
    {
        var truth = new Option<FileInfo>("--truth") { Description = "Labelled CSV (fname,labels), e.g. test.csv.", Required = true };
        var pred = new Option<FileInfo>("--pred") { Description = "Submission CSV (fname + one score column per class).", Required = true };
        var perClass = new Option<bool>("--per-class") { Description = "Print per-class lwlrap, label counts and weights first." };
        var digits = new Option<int>("--digits") { Description = "Decimals of the printed lwlrap (6..17).", DefaultValueFactory = _ => DefaultDigits };
        var command = new Command("eval", "Score a submission against labels with lwlrap (ties counted pessimistically, as scikit-learn).")
        {
            truth, pred, perClass, digits,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var decimals = parse.GetValue(digits);
            if (decimals is < DefaultDigits or > 17)
            {
                parse.InvocationConfiguration.Error.WriteLine($"ensemble eval: --digits must be 6..17, got {decimals}");
                return EnsembleCli.UsageExitCode;
            }
            try
            {
                var (classes, result) = SubmissionEvaluator.Evaluate(parse.GetValue(truth)!.FullName, parse.GetValue(pred)!.FullName);
                if (parse.GetValue(perClass))
                    output.Write(PerClassReport.Table(classes, result));
                output.WriteLine($"lwlrap {result.Overall.ToString("F" + decimals, CultureInfo.InvariantCulture)}");
                return 0;
            }
            catch (Exception e) when (e is DatasetFormatException or DatasetIssuesException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"ensemble eval: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
