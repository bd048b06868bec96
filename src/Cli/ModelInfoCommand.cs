using System.CommandLine;
using System.Globalization;
using Ensemble.Models;
using Ensemble.Models.Inspection;
using Ensemble.Models.Interop;

namespace Ensemble.Cli;

/// <summary>
/// `ensemble model-info --arch customcnn|inception3|inception1 [--width W] [--classes N]`: the layer table, ending
/// with `parameters N`. Hidden: `--weights FILE --reference IO` loads PyTorch-exported weights (TorchSharp format)
/// and prints the largest difference from a PyTorch reference output (scripts/compare_inception.py uses it).
/// </summary>
internal static class ModelInfoCommand
{
    public static Command Create()
    {
        var arch = new Option<string>("--arch") { Description = $"Architecture: {string.Join(" | ", ModelSpec.Architectures)}", Required = true };
        arch.AcceptOnlyFromAmong([.. ModelSpec.Architectures]);
        var width = new Option<double>("--width") { Description = "Width multiplier: 1 = the published network, below 1 a slim variant", DefaultValueFactory = _ => ModelSpec.DefaultWidthMultiplier };
        var classes = new Option<int>("--classes") { Description = "Number of classes", DefaultValueFactory = _ => ModelSpec.DefaultClasses };
        var weights = new Option<FileInfo?>("--weights") { Description = "Weights in TorchSharp format to load (strict, by name)", Hidden = true };
        var reference = new Option<FileInfo?>("--reference") { Description = "Reference input/output (TorchSharp format) to compare with", Hidden = true };
        var command = new Command("model-info", "Print an architecture's layer table and parameter count.") { arch, width, classes, weights, reference };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            ModelSpec spec;
            try
            {
                spec = new ModelSpec(parse.GetValue(arch)!, parse.GetValue(width), parse.GetValue(classes));
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"ensemble model-info: {e.Message}");
                return EnsembleCli.UsageExitCode;
            }
            using var model = ModelFactory.Create(spec);
            var weightsFile = parse.GetValue(weights);
            var referenceFile = parse.GetValue(reference);
            if (referenceFile is not null && weightsFile is null)
            {
                error.WriteLine("ensemble model-info: --reference needs --weights");
                return EnsembleCli.UsageExitCode;
            }
            if (weightsFile is not null)
                model.load(weightsFile.FullName, strict: true);
            output.WriteLine($"model {spec.Architecture}, width {spec.WidthMultiplier.ToString(CultureInfo.InvariantCulture)}, classes {spec.Classes}, input channels {spec.InputChannels}");
            if (referenceFile is not null)
            {
                var diff = ReferenceComparison.MaxAbsoluteDifference(model, referenceFile.FullName);
                output.WriteLine(FormattableString.Invariant($"reference max-abs-diff {diff:E3}"));
            }
            LayerTable.Write(model, output);
            return 0;
        });
        return command;
    }
}
