using Ensemble.Models.Runtime;

namespace Ensemble.Models.Inference;

/// <summary>
/// Settings of <see cref="TorchModelRunner"/>. <see cref="IntraOpThreads"/> is libtorch's process-wide intra-op
/// pool size (torch.set_num_threads): 0 leaves it as it is; the last runner that sets it wins.
/// </summary>
public sealed record TorchModelRunnerOptions
{
    public const int DefaultMelBands = 128;
    public const int DefaultFrames = 128;
    public const int KeepThreads = 0;

    public TorchModelRunnerOptions(string device = TorchDevice.Cpu, int intraOpThreads = KeepThreads, int melBands = DefaultMelBands, int frames = DefaultFrames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        if (intraOpThreads < 0)
            throw new ArgumentException($"IntraOpThreads must be 0 (keep) or positive, got {intraOpThreads}", nameof(intraOpThreads));
        if (melBands < 1)
            throw new ArgumentException($"MelBands must be positive, got {melBands}", nameof(melBands));
        if (frames < 1)
            throw new ArgumentException($"Frames must be positive, got {frames}", nameof(frames));
        Device = device;
        IntraOpThreads = intraOpThreads;
        MelBands = melBands;
        Frames = frames;
    }

    /// <summary>"cpu", "cuda" or "cuda:N" (<see cref="TorchDevice.Resolve"/>).</summary>
    public string Device { get; }
    public int IntraOpThreads { get; }
    public int MelBands { get; }
    public int Frames { get; }
}
