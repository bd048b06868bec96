namespace Ensemble.Audio.Shifts;

/// <summary>
/// A recording level: a fixed gain in dB, or (<see cref="PeakDbfs"/>) the gain that brings the clip's peak to that
/// level, so a loud recording is made without clipping.
/// </summary>
public sealed class LevelShift : IShift
{
    private LevelShift(string name, double? gainDb, double? peakDbfs)
    {
        Name = name;
        GainDb = gainDb;
        PeakDbfs = peakDbfs;
    }

    public static LevelShift Gain(string name, double gainDb) => new(name, gainDb, null);

    public static LevelShift PeakNormalize(string name, double peakDbfs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(peakDbfs, 0);
        return new LevelShift(name, null, peakDbfs);
    }

    public string Name { get; }
    public double? GainDb { get; }
    public double? PeakDbfs { get; }

    public string Description => GainDb is { } g ? $"gain {g:+0.#;-0.#} dB" : $"gain to a peak of {PeakDbfs:0.#} dBFS";

    public float[] Apply(AudioClip clip, string clipId)
    {
        ArgumentNullException.ThrowIfNull(clip);
        double factor;
        if (GainDb is { } gain)
            factor = ShiftMath.DbToAmplitude(gain);
        else
        {
            var peak = 0f;
            foreach (var s in clip.Samples)
                peak = Math.Max(peak, Math.Abs(s));
            // A silent clip stays silent: no gain brings zero to a peak.
            factor = peak == 0 ? 1 : ShiftMath.DbToAmplitude(PeakDbfs!.Value) / peak;
        }
        return ShiftMath.Clip(clip.Samples.Select(s => s * factor).ToArray());
    }
}
