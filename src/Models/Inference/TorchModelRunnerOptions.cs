using Ensemble.Models.Runtime;
using Ensemble.Settings;

namespace Ensemble.Models.Inference;

/// <summary>
/// Settings of <see cref="TorchModelRunner"/>. The crop shape comes from the settings record the model was trained
/// with. <see cref="IntraOpThreads"/> is libtorch's process-wide intra-op pool size (torch.set_num_threads): 0 leaves
/// it as it is; the last runner that sets it wins. <see cref="FoldBatchNorm"/> folds batch norms into the convolutions
/// of a model the runner owns (<see cref="BatchNormFolding"/>; never for a borrowed model, which trains on).
/// <see cref="Precision"/> bf16 casts an owned model and its inputs (a borrowed model runs in fp32 only).
/// <see cref="CudnnBenchmark"/> turns on cuDNN's per-shape algorithm autotuning (process-wide,
/// <see cref="LibTorchContext.CudnnBenchmark"/>) and pads every batch with zero crops up to the next power of two, so
/// at most log2(largest batch) + 1 shapes are ever tuned.
/// </summary>
public sealed record TorchModelRunnerOptions
{
    public const int KeepThreads = 0;
    public const bool DefaultFoldBatchNorm = true;
    public const InferencePrecision DefaultPrecision = InferencePrecision.Fp32;
    public const bool DefaultCudnnBenchmark = false;

    public TorchModelRunnerOptions(AudioOptions audio, string device = TorchDevice.Cpu, int intraOpThreads = KeepThreads,
        bool foldBatchNorm = DefaultFoldBatchNorm, InferencePrecision precision = DefaultPrecision, bool cudnnBenchmark = DefaultCudnnBenchmark)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var problems = new List<(string Parameter, string Message)>();
        if (string.IsNullOrWhiteSpace(device))
            problems.Add((nameof(device), "Device must be \"cpu\", \"cuda\" or \"cuda:N\", got an empty name"));
        if (intraOpThreads < 0)
            problems.Add((nameof(intraOpThreads), $"IntraOpThreads must be 0 (keep) or positive, got {intraOpThreads}"));
        if (!Enum.IsDefined(precision))
            problems.Add((nameof(precision), $"Precision must be one of {string.Join(", ", Enum.GetNames<InferencePrecision>())}, got {(int)precision}"));
        if (problems.Count > 0)
            throw new ArgumentException(string.Join("; ", problems.Select(p => p.Message)), problems.Count == 1 ? problems[0].Parameter : null);
        Audio = audio;
        Device = device;
        IntraOpThreads = intraOpThreads;
        FoldBatchNorm = foldBatchNorm;
        Precision = precision;
        CudnnBenchmark = cudnnBenchmark;
    }

    public AudioOptions Audio { get; }

    /// <summary>"cpu", "cuda" or "cuda:N" (<see cref="TorchDevice.Resolve"/>).</summary>
    public string Device { get; }
    public int IntraOpThreads { get; }
    public bool FoldBatchNorm { get; }
    public InferencePrecision Precision { get; }
    public bool CudnnBenchmark { get; }
    public int MelBands => Audio.LogMel.MelBands;
    public int Frames => Audio.Crop.CropWidthFrames;

    /// <summary>The batch a run of <paramref name="batchSize"/> crops is padded to: itself, or with
    /// <see cref="CudnnBenchmark"/> the next power of two.</summary>
    public int PaddedBatch(int batchSize) =>
        CudnnBenchmark ? (int)Math.Min(int.MaxValue, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)batchSize)) : batchSize;
}
