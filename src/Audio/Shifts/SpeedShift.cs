using Ensemble.Audio.Resampling;

namespace Ensemble.Audio.Shifts;

/// <summary>
/// A small speed change (a tape or a clock running off by a few percent): pitch and tempo together, by reading the clip
/// as if recorded at rate × <see cref="Factor"/> and resampling that to the clip's rate. Factor 1.04 is 4 % faster and
/// 4 % shorter.
/// </summary>
public sealed class SpeedShift : IShift
{
    public SpeedShift(string name, double factor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (factor is <= 0.5 or >= 2)
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "a speed factor must be between 0.5 and 2");
        Name = name;
        Factor = factor;
    }

    public string Name { get; }
    public double Factor { get; }

    public string Description => $"speed × {Factor:0.###} (pitch and tempo)";

    public float[] Apply(AudioClip clip, string clipId)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var asIfRate = (int)Math.Round(clip.SampleRateHz * Factor);
        return ShiftMath.Clip(SincResampler.Resample(clip.Samples, asIfRate, clip.SampleRateHz).Select(s => (double)s).ToArray());
    }
}
