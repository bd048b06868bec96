using System.Globalization;

namespace Ensemble.Audio.Augmentation;

/// <summary>
/// SoX's `reverb` on mono input. SoX turns mono into stereo (two filter banks, the second with spread
/// delays, weighted by stereo-depth), each channel being dry + its wet; this returns the average of the
/// two clipped channels, which is what `sox ... -c 1` (or a mono decoder) makes of SoX's stereo output.
/// Like SoX, the output has the input's length (the tail past the end is not appended).
/// </summary>
public sealed class ReverbEffect(ReverbOptions options) : ISoxEffect
{
    public ReverbOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    // reverb.c's start: mult /= (dry present) + 2 * max(1, wet gain).
    public double HeadroomFactor => (Options.WetOnly ? 0 : 1) + 2 * Math.Pow(10, Math.Max(0, Options.WetGainDb) / 20);

    /// <summary>Comb feedback from reverberance: 0 % maps to 0.3's decay, 100 % to 0.98's (SoX's log mapping).</summary>
    public double Feedback
    {
        get
        {
            var a = -1 / Math.Log(1 - 0.3);
            var b = 100 / (Math.Log(1 - 0.98) * a + 1);
            return 1 - Math.Exp((Options.ReverberancePercent - b) / (a * b));
        }
    }

    public double HfDamping => Options.HfDampingPercent / 100 * 0.3 + 0.2;
    public double WetGain => Math.Pow(10, Options.WetGainDb / 20) * 0.015;
    public double RoomScale => Options.RoomScalePercent / 100 * 0.9 + 0.1;

    public float[] Apply(float[] samples, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        var depth = Options.StereoDepthPercent / 100;
        var channels = depth > 0 ? 2 : 1;
        var banks = new FreeverbBank[channels];
        for (var c = 0; c < channels; c++)
            banks[c] = new FreeverbBank(sampleRateHz, RoomScale, c * depth);
        var delay = (int)(Options.PreDelayMs / 1000 * sampleRateHz + 0.5);
        float feedback = (float)Feedback, damping = (float)HfDamping, gain = (float)WetGain;
        var dryWeight = Options.WetOnly ? 0f : 1f;
        var output = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            var wetInput = i >= delay ? samples[i - delay] : 0f;
            float sum = 0;
            for (var c = 0; c < channels; c++)
                sum += Math.Clamp(dryWeight * samples[i] + banks[c].Process(wetInput, feedback, damping, gain), -1f, 1f);
            output[i] = sum / channels;
        }
        return output;
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"reverb {(Options.WetOnly ? "-w " : "")}{Options.ReverberancePercent} {Options.HfDampingPercent} {Options.RoomScalePercent} {Options.StereoDepthPercent} {Options.PreDelayMs} {Options.WetGainDb}");
}
