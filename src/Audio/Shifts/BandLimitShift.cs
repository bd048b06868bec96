using Ensemble.Audio.Resampling;

namespace Ensemble.Audio.Shifts;

/// <summary>
/// A band-limited source (a recording made at <see cref="SourceRateHz"/>): resampled down to that rate and back up with
/// the project's sinc resampler, so everything above about 0.955 × its Nyquist frequency is gone.
/// </summary>
public sealed class BandLimitShift : IShift
{
    public BandLimitShift(string name, int sourceRateHz)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceRateHz);
        Name = name;
        SourceRateHz = sourceRateHz;
    }

    public string Name { get; }
    public int SourceRateHz { get; }

    public string Description => $"band-limited: resampled to {SourceRateHz} Hz and back";

    public float[] Apply(AudioClip clip, string clipId)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (SourceRateHz >= clip.SampleRateHz)
            throw new ArgumentException($"{clip.Source}: {clip.SampleRateHz} Hz is already at or below the {SourceRateHz} Hz band limit of '{Name}'", nameof(clip));
        var low = SincResampler.Resample(clip.Samples, clip.SampleRateHz, SourceRateHz);
        var back = SincResampler.Resample(low, SourceRateHz, clip.SampleRateHz);
        // Rounding up on both legs can add a sample; keep the clip's length.
        var output = new double[clip.Samples.Length];
        for (var i = 0; i < output.Length && i < back.Length; i++)
            output[i] = back[i];
        return ShiftMath.Clip(output);
    }
}
