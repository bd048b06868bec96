using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Shifts;

/// <summary>
/// High- and low-pass biquads from the RBJ audio-EQ cookbook (the shelves and peaks come from
/// <see cref="SoxBiquadDesign"/>, which has no pass filters).
/// </summary>
public static class RbjBiquad
{
    /// <summary>Q of a second-order Butterworth section.</summary>
    public const double ButterworthQ = 0.70710678118654752;

    public static BiquadCoefficients HighPass(double frequencyHz, double q, int sampleRateHz)
    {
        var (cos, alpha) = Prewarp(frequencyHz, q, sampleRateHz);
        var a0 = 1 + alpha;
        return new BiquadCoefficients((1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    public static BiquadCoefficients LowPass(double frequencyHz, double q, int sampleRateHz)
    {
        var (cos, alpha) = Prewarp(frequencyHz, q, sampleRateHz);
        var a0 = 1 + alpha;
        return new BiquadCoefficients((1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }

    private static (double Cos, double Alpha) Prewarp(double frequencyHz, double q, int sampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(q);
        if (frequencyHz <= 0 || frequencyHz >= sampleRateHz / 2.0)
            throw new ArgumentException($"frequency {frequencyHz} Hz must be between 0 and half the sample rate ({sampleRateHz} Hz)", nameof(frequencyHz));
        var w0 = 2 * Math.PI * frequencyHz / sampleRateHz;
        return (Math.Cos(w0), Math.Sin(w0) / (2 * q));
    }
}
