using System.CommandLine;
using Ensemble.Models.Checkpoints;
using Ensemble.Models.Onnx;

namespace Ensemble.Cli;

/// <summary>
/// `ensemble export-onnx CHECKPOINT --out MODEL.onnx`: loads a verified checkpoint and writes it as ONNX (opset 17,
/// dynamic batch and frame axes), with the checkpoint's class list, settings record (which also gives the crop shape)
/// and run id in the metadata.
/// </summary>
internal static class ExportOnnxCommand
{
    public const int FailureExitCode = 1;

    public static Command Create()
    {
        var checkpoint = new Argument<FileInfo>("CHECKPOINT") { Description = "Checkpoint weights file (its .json sidecar beside it)" };
        var output = new Option<FileInfo>("--out") { Description = "ONNX file to write", Required = true };
        var fixedFrames = new Option<bool>("--fixed-frames") { Description = "Fix the frame axis at the trained crop width (default: off, the frame axis stays dynamic)" };
        var command = new Command("export-onnx", "Export a checkpoint to ONNX for the ONNX Runtime backend.") { checkpoint, output, fixedFrames };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var source = parse.GetValue(checkpoint)!;
            var target = parse.GetValue(output)!;
            try
            {
                using var loaded = Checkpoint.Load(source.FullName);
                var metadata = loaded.Metadata;
                var options = OnnxExportOptions.ForSettings(metadata.Audio, metadata.Classes, metadata.TrainingRunId, dynamicFrames: !parse.GetValue(fixedFrames));
                OnnxExporter.ExportToFile(loaded.Model, target.FullName, options);
                target.Refresh();
                var frameAxis = options.DynamicFrames ? $"{OnnxExportOptions.FrameAxisName} (default {options.Frames})" : options.Frames.ToString(System.Globalization.CultureInfo.InvariantCulture);
                stdout.WriteLine($"exported {metadata.Architecture} ({metadata.Classes.Count} classes) to {target.FullName}: {target.Length} bytes, opset {OnnxGraphBuilder.Opset}, input {OnnxExportOptions.InputName} [{OnnxExportOptions.BatchAxisName}, 1, {options.MelBands}, {frameAxis}]");
                return 0;
            }
            catch (Exception e) when (e is CheckpointException or OnnxExportException)
            {
                stderr.WriteLine($"ensemble export-onnx: {e.Message}");
                return FailureExitCode;
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine($"ensemble export-onnx: {e.Message}");
                return EnsembleCli.UsageExitCode;
            }
        });
        return command;
    }
}
