using Google.Protobuf;
using Onnx;
using static TorchSharp.torch;
using Ensemble.Audio.Files;
using Ensemble.Models.Inference;

namespace Ensemble.Models.Onnx;

/// <summary>
/// Exports a TorchSharp model to ONNX (opset 17) by writing its forward graph with an architecture emitter:
/// input "crops" [batch, 1, mels, frames], output "logits" [batch, classes]. Weights are copied as they are;
/// batch norm uses the running statistics and dropout is left out (inference). The graph starts with the per-crop
/// standardisation (<see cref="CropNormalization"/>), so the file takes log-mel dB crops. The module is not modified.
/// </summary>
public static class OnnxExporter
{
    private static readonly IOnnxArchitectureEmitter[] Emitters = [new CustomCnnOnnxEmitter(), new InceptionV3OnnxEmitter()];

    public static ModelProto Export(nn.Module model, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var modules = new NamedModules(model);
        var emitter = Emitters.FirstOrDefault(e => e.Matches(modules))
            ?? throw new OnnxExportException($"no ONNX emitter for module {model.GetName()} ({model.GetType().Name}); supported: Inception-v3 (torchvision names), CustomCNN");
        var minimum = emitter.MinimumCropShape;
        if (options.MelBands < minimum.MelBands || options.Frames < minimum.Frames)
            throw new OnnxExportException($"crop {options.MelBands}×{options.Frames} is smaller than {emitter.Architecture(modules)}'s minimum {minimum.MelBands}×{minimum.Frames}");

        var builder = new OnnxGraphBuilder(model.GetName());
        object frames = options.DynamicFrames ? OnnxExportOptions.FrameAxisName : (long)options.Frames;
        var crops = builder.AddInput(OnnxExportOptions.InputName, OnnxExportOptions.BatchAxisName, 1L, (long)options.MelBands, frames);
        // The file is self-contained: it takes log-mel dB crops and standardises each itself (InputFormat 2).
        var normalized = builder.CropStandardize(crops, CropNormalization.Epsilon, "crop_normalization");
        string logits;
        long classCount;
        using (no_grad())
            (logits, classCount) = emitter.Emit(builder, modules, normalized);
        if (options.ClassNames is not null && options.ClassNames.Count != classCount)
            throw new OnnxExportException($"{options.ClassNames.Count} class names given for a model with {classCount} outputs");
        builder.AddOutput(logits, OnnxExportOptions.OutputName, OnnxExportOptions.BatchAxisName, classCount);

        var metadata = new OnnxModelMetadata(
            emitter.Architecture(modules), options.MelBands, options.Frames, checked((int)classCount), options.ClassNames,
            options.Audio, options.TrainingRunId);
        var version = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "0";
        return builder.Build(version, metadata.ToDictionary());
    }

    /// <summary>Exports to <paramref name="path"/> atomically (temporary file in the same folder, then rename).</summary>
    public static void ExportToFile(nn.Module model, string path, OnnxExportOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var proto = Export(model, options);
        AtomicFile.Write(path, proto.WriteTo);
    }
}
