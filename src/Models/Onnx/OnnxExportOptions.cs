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

    public OnnxExportOptions(
        int melBands = DefaultMelBands,
        int frames = DefaultFrames,
        bool dynamicFrames = true,
        IReadOnlyList<string>? classNames = null,
        string? audioOptionsHash = null,
        string? trainingRunId = null)
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
        if (audioOptionsHash is not null && string.IsNullOrWhiteSpace(audioOptionsHash))
            throw new ArgumentException("AudioOptionsHash must be null or non-empty", nameof(audioOptionsHash));
        if (trainingRunId is not null && string.IsNullOrWhiteSpace(trainingRunId))
            throw new ArgumentException("TrainingRunId must be null or non-empty", nameof(trainingRunId));
        ClassNames = classNames;
        AudioOptionsHash = audioOptionsHash;
        TrainingRunId = trainingRunId;
    }

    public int MelBands { get; }

    /// <summary>The crop width the model was trained on; the runner's default crop width.</summary>
    public int Frames { get; }

    public bool DynamicFrames { get; }

    /// <summary>The class list in output order, stored in the metadata when given; its length must equal the model's outputs.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The audio options' stable hash the weights were trained with (from the checkpoint), so serving can check its features.</summary>
    public string? AudioOptionsHash { get; }

    public string? TrainingRunId { get; }
}
