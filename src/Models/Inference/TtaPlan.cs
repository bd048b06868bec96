namespace Ensemble.Models.Inference;

/// <summary>
/// The TTA crops of one clip as a model sees them: the distinct windows among the clip's TTA draws, row-major
/// [CropCount, MelBands, Frames] log-mel dB values, and how many draws each window stands for (<see cref="Weights"/>,
/// summing to the draw count). Scoring each distinct window once with its count as weight gives the plain mean over
/// all draws for less work.
/// </summary>
public sealed record TtaPlan
{
    public TtaPlan(float[] crops, int melBands, int frames, int[] weights)
    {
        ArgumentNullException.ThrowIfNull(crops);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(melBands);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        if (weights.Length == 0 || weights.Any(w => w <= 0))
            throw new ArgumentException($"a TTA plan needs at least one crop, each with a positive weight; got [{string.Join(", ", weights)}]", nameof(weights));
        if (crops.Length != weights.Length * melBands * frames)
            throw new ArgumentException($"{crops.Length} crop values is not {weights.Length} crops × {melBands} × {frames}", nameof(crops));
        Crops = crops;
        MelBands = melBands;
        Frames = frames;
        Weights = weights;
    }

    public float[] Crops { get; }
    public int MelBands { get; }
    public int Frames { get; }
    public int[] Weights { get; }
    public int CropCount => Weights.Length;
    public int CropLength => MelBands * Frames;
}
