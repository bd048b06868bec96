using Ensemble.Settings;

namespace Ensemble.Models.Onnx;

/// <summary>
/// How a model is exported. The crop shape comes from the settings record (<see cref="Audio"/>, else
/// <see cref="AudioOptions.Default"/>) unless given explicitly (tests of other shapes); the record itself is stored in
/// the metadata, so the file says what it was trained to see and serving can refuse a mismatch. With
/// <see cref="DynamicFrames"/> the frame axis is symbolic so any crop width the architecture allows runs. The batch
/// axis is always dynamic.
/// </summary>
public sealed record OnnxExportOptions
{
    public const string InputName = "crops";
    public const string OutputName = "logits";
    public const string BatchAxisName = "batch";
    public const string FrameAxisName = "frames";

    public OnnxExportOptions(
        int? melBands = null,
        int? frames = null,
        bool dynamicFrames = true,
        IReadOnlyList<string>? classNames = null,
        AudioOptions? audio = null,
        string? trainingRunId = null)
    {
        var shape = (audio ?? AudioOptions.Default).CropShape;
        var mels = melBands ?? shape.MelBands;
        var width = frames ?? shape.Frames;
        if (mels <= 0)
            throw new ArgumentException($"MelBands must be positive, got {mels}", nameof(melBands));
        if (width <= 0)
            throw new ArgumentException($"Frames must be positive, got {width}", nameof(frames));
        if (audio is not null && (mels, width) != shape)
            throw new ArgumentException($"crop {mels}×{width} differs from the settings record's {shape.MelBands}×{shape.Frames}", nameof(melBands));
        if (classNames is not null && classNames.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("ClassNames must not contain empty names", nameof(classNames));
        if (trainingRunId is not null && string.IsNullOrWhiteSpace(trainingRunId))
            throw new ArgumentException("TrainingRunId must be null or non-empty", nameof(trainingRunId));
        MelBands = mels;
        Frames = width;
        DynamicFrames = dynamicFrames;
        ClassNames = classNames;
        Audio = audio;
        TrainingRunId = trainingRunId;
    }

    /// <summary>The export of a trained model: shape from its settings record, which the metadata stores.</summary>
    public static OnnxExportOptions ForSettings(AudioOptions audio, IReadOnlyList<string>? classNames, string? trainingRunId, bool dynamicFrames = true)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return new OnnxExportOptions(dynamicFrames: dynamicFrames, classNames: classNames, audio: audio, trainingRunId: trainingRunId);
    }

    public int MelBands { get; }

    /// <summary>The crop width the model was trained on; the runner's default crop width.</summary>
    public int Frames { get; }

    public bool DynamicFrames { get; }

    /// <summary>The class list in output order, stored in the metadata when given; its length must equal the model's outputs.</summary>
    public IReadOnlyList<string>? ClassNames { get; }

    /// <summary>The settings record the weights were trained with (from the checkpoint), stored whole in the metadata.</summary>
    public AudioOptions? Audio { get; }

    public string? TrainingRunId { get; }
}
