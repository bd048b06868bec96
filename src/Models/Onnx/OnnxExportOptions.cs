namespace Ensemble.Models.Onnx;

/// <summary>
/// How a model is exported. The crop shape is recorded in the metadata (and fixes the mel axis); with
/// <see cref="DynamicFrames"/> the frame axis is symbolic so any crop width the architecture allows runs.
/// The batch axis is always dynamic.
/// </summary>
public sealed record OnnxExportOptions
{
    public const int DefaultMelBands = 128;
    public const int DefaultFrames = 128;
    public const string InputName = "crops";
    public const string OutputName = "logits";
    public const string BatchAxisName = "batch";
    public const string FrameAxisName = "frames";

    public OnnxExportOptions(int melBands = DefaultMelBands, int frames = DefaultFrames, bool dynamicFrames = true, IReadOnlyList<string>? classNames = null)
    {
        if (melBands <= 0)
            throw new ArgumentException($"MelBands must be positive, got {melBands}", nameof(melBands));
        if (frames <= 0)
            throw new ArgumentException($"Frames must be positive, got {frames}", nameof(frames));
        if (classNames is not null && classNames.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("ClassNames must not contain empty names", nameof(classNames));
        MelBands = melBands;
        Frames = frames;
        DynamicFrames = dynamicFrames;
        ClassNames = classNames;
    }

    public int MelBands { get; }

    /// <summary>The crop width the model was trained on; the runner's default crop width.</summary>
    public int Frames { get; }

    public bool DynamicFrames { get; }

    /// <summary>The class list in output order, stored in the metadata when given; its length must equal the model's outputs.</summary>
    public IReadOnlyList<string>? ClassNames { get; }
}
