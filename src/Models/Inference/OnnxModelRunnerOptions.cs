using Ensemble.Settings;
using Microsoft.ML.OnnxRuntime;

namespace Ensemble.Models.Inference;

/// <summary>
/// ONNX Runtime session settings for <see cref="OnnxModelRunner"/> (CPU execution provider).
/// A thread count of 0 lets ONNX Runtime choose (one per physical core).
/// </summary>
public sealed record OnnxModelRunnerOptions
{
    public const int DefaultIntraOpNumThreads = 0;
    public const int DefaultInterOpNumThreads = 1;
    public const ExecutionMode DefaultExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
    public const GraphOptimizationLevel DefaultGraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>Off: idle intra-op threads sleep instead of spinning, which matters on a CPU shared with other runners or processes.</summary>
    public const bool DefaultAllowSpinning = false;

    private const string SpinningConfigKey = "session.intra_op.allow_spinning";

    public OnnxModelRunnerOptions(
        int intraOpNumThreads = DefaultIntraOpNumThreads,
        int interOpNumThreads = DefaultInterOpNumThreads,
        ExecutionMode executionMode = DefaultExecutionMode,
        GraphOptimizationLevel graphOptimizationLevel = DefaultGraphOptimizationLevel,
        int? cropFrames = null,
        bool allowSpinning = DefaultAllowSpinning,
        int? maxBatchPerRun = null,
        AudioOptions? expectedAudio = null)
    {
        if (intraOpNumThreads < 0)
            throw new ArgumentException($"IntraOpNumThreads must be 0 (ONNX Runtime's choice) or positive, got {intraOpNumThreads}", nameof(intraOpNumThreads));
        if (interOpNumThreads < 0)
            throw new ArgumentException($"InterOpNumThreads must be 0 (ONNX Runtime's choice) or positive, got {interOpNumThreads}", nameof(interOpNumThreads));
        if (!Enum.IsDefined(executionMode))
            throw new ArgumentException($"ExecutionMode {executionMode} is not defined", nameof(executionMode));
        if (!Enum.IsDefined(graphOptimizationLevel))
            throw new ArgumentException($"GraphOptimizationLevel {graphOptimizationLevel} is not defined", nameof(graphOptimizationLevel));
        if (cropFrames is <= 0)
            throw new ArgumentException($"CropFrames must be positive, got {cropFrames}", nameof(cropFrames));
        IntraOpNumThreads = intraOpNumThreads;
        InterOpNumThreads = interOpNumThreads;
        ExecutionMode = executionMode;
        GraphOptimizationLevel = graphOptimizationLevel;
        if (maxBatchPerRun is <= 0)
            throw new ArgumentException($"MaxBatchPerRun must be positive, got {maxBatchPerRun}", nameof(maxBatchPerRun));
        CropFrames = cropFrames;
        AllowSpinning = allowSpinning;
        MaxBatchPerRun = maxBatchPerRun;
        ExpectedAudio = expectedAudio;
    }

    /// <summary>Threads inside one operator (convolutions); 0 = ONNX Runtime's default.</summary>
    public int IntraOpNumThreads { get; }

    /// <summary>Threads running independent nodes at once; used only with <see cref="ExecutionMode.ORT_PARALLEL"/>.</summary>
    public int InterOpNumThreads { get; }

    public ExecutionMode ExecutionMode { get; }

    public GraphOptimizationLevel GraphOptimizationLevel { get; }

    /// <summary>Crop width to run; null = the width recorded at export. Another width needs a model exported with dynamic frames.</summary>
    public int? CropFrames { get; }

    /// <summary>Whether idle intra-op threads busy-wait for the next piece of work (ONNX Runtime's own default is on).</summary>
    public bool AllowSpinning { get; }

    /// <summary>
    /// Largest batch given to one session run; a bigger batch is run in slices of this size (null: whole batch).
    /// Small slices keep full-resolution activations in cache (see docs/benchmarks.md).
    /// </summary>
    public int? MaxBatchPerRun { get; }

    /// <summary>
    /// The settings record the model must have been trained with (serving passes the manifest's): compared field by
    /// field with the one in the file's metadata; null skips the check (tests, benchmarks of bare exports).
    /// </summary>
    public AudioOptions? ExpectedAudio { get; }

    internal SessionOptions ToSessionOptions()
    {
        var options = new SessionOptions
        {
            IntraOpNumThreads = IntraOpNumThreads,
            InterOpNumThreads = InterOpNumThreads,
            ExecutionMode = ExecutionMode,
            GraphOptimizationLevel = GraphOptimizationLevel,
            // Serving batches vary in crop count: a memory pattern is cached per input shape and the arena never shrinks,
            // so resident memory stepped up under load (docs/reliability.md, soak). ONNX Runtime's advice for dynamic shapes.
            EnableMemoryPattern = false,
        };
        options.AddSessionConfigEntry(SpinningConfigKey, AllowSpinning ? "1" : "0");
        return options;
    }
}
