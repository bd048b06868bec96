using Ensemble.Models.Runtime;
using Ensemble.Settings;

namespace Ensemble.Models.Inference;

/// <summary>
/// Settings of <see cref="TorchModelRunner"/>. The crop shape comes from the settings record the model was trained
/// with. <see cref="IntraOpThreads"/> is libtorch's process-wide intra-op pool size (torch.set_num_threads): 0 leaves
/// it as it is; the last runner that sets it wins. <see cref="FoldBatchNorm"/> folds batch norms into the convolutions
/// of a model the runner owns (<see cref="BatchNormFolding"/>; never for a borrowed model, which trains on).
/// </summary>
public sealed record TorchModelRunnerOptions
{
    public const int KeepThreads = 0;
    public const bool DefaultFoldBatchNorm = true;

    public TorchModelRunnerOptions(AudioOptions audio, string device = TorchDevice.Cpu, int intraOpThreads = KeepThreads,
        bool foldBatchNorm = DefaultFoldBatchNorm)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        if (intraOpThreads < 0)
            throw new ArgumentException($"IntraOpThreads must be 0 (keep) or positive, got {intraOpThreads}", nameof(intraOpThreads));
        Audio = audio;
        Device = device;
        IntraOpThreads = intraOpThreads;
        FoldBatchNorm = foldBatchNorm;
    }

    public AudioOptions Audio { get; }

    /// <summary>"cpu", "cuda" or "cuda:N" (<see cref="TorchDevice.Resolve"/>).</summary>
    public string Device { get; }
    public int IntraOpThreads { get; }
    public bool FoldBatchNorm { get; }
    public int MelBands => Audio.LogMel.MelBands;
    public int Frames => Audio.Crop.CropWidthFrames;
}
