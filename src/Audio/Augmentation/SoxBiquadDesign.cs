namespace Ensemble.Audio.Augmentation;

/// <summary>How a biquad's width is given: SoX's suffixes s (slope), q (Q), o (octaves), h (Hz), k (kHz).</summary>
public enum SoxWidthUnit
{
    Slope,
    Q,
    Octaves,
    Hertz,
}

/// <summary>Which of SoX's biquads.c filters.</summary>
public enum SoxBiquadKind
{
    LowShelf,
    HighShelf,
    PeakingEq,
}

/// <summary>Normalised biquad coefficients (a0 = 1).</summary>
public readonly record struct BiquadCoefficients(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>Magnitude response in dB at <paramref name="frequencyHz"/>.</summary>
    public double GainDbAt(double frequencyHz, int sampleRateHz)
    {
        var w = 2 * Math.PI * frequencyHz / sampleRateHz;
        var num = new System.Numerics.Complex(B0 + B1 * Math.Cos(w) + B2 * Math.Cos(2 * w), -B1 * Math.Sin(w) - B2 * Math.Sin(2 * w));
        var den = new System.Numerics.Complex(1 + A1 * Math.Cos(w) + A2 * Math.Cos(2 * w), -A1 * Math.Sin(w) - A2 * Math.Sin(2 * w));
        return 20 * Math.Log10((num / den).Magnitude);
    }
}

/// <summary>
/// SoX's biquad designs (the RBJ audio-EQ cookbook as biquads.c applies it): the same w0, A and alpha
/// for every width unit, so `bass +20` here is SoX's `bass +20`. NWaves' shelf/peak filters take only Q,
/// and SoX's defaults are in slope, so the coefficients are computed here and run through NWaves' IirFilter64.
/// </summary>
public static class SoxBiquadDesign
{
    public static BiquadCoefficients Design(SoxBiquadKind kind, double gainDb, double frequencyHz, double width, SoxWidthUnit unit, int sampleRateHz)
    {
        var w0 = 2 * Math.PI * frequencyHz / sampleRateHz;
        if (w0 > Math.PI)
            throw new ArgumentException($"frequency {frequencyHz} Hz must be below half the sample rate ({sampleRateHz} Hz)", nameof(frequencyHz));
        var a = Math.Pow(10, gainDb / 40);
        var alpha = unit switch
        {
            SoxWidthUnit.Slope => Math.Sin(w0) / 2 * Math.Sqrt((a + 1 / a) * (1 / width - 1) + 2),
            SoxWidthUnit.Q => Math.Sin(w0) / (2 * width),
            SoxWidthUnit.Octaves => Math.Sin(w0) * Math.Sinh(Math.Log(2) / 2 * width * w0 / Math.Sin(w0)),
            SoxWidthUnit.Hertz => Math.Sin(w0) / (2 * frequencyHz / width),
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "unknown width unit"),
        };
        var cos = Math.Cos(w0);
        var sqrtA2Alpha = 2 * Math.Sqrt(a) * alpha;
        double b0, b1, b2, a0, a1, a2;
        switch (kind)
        {
            case SoxBiquadKind.LowShelf:
                b0 = a * ((a + 1) - (a - 1) * cos + sqrtA2Alpha);
                b1 = 2 * a * ((a - 1) - (a + 1) * cos);
                b2 = a * ((a + 1) - (a - 1) * cos - sqrtA2Alpha);
                a0 = (a + 1) + (a - 1) * cos + sqrtA2Alpha;
                a1 = -2 * ((a - 1) + (a + 1) * cos);
                a2 = (a + 1) + (a - 1) * cos - sqrtA2Alpha;
                break;
            case SoxBiquadKind.HighShelf:
                b0 = a * ((a + 1) + (a - 1) * cos + sqrtA2Alpha);
                b1 = -2 * a * ((a - 1) + (a + 1) * cos);
                b2 = a * ((a + 1) + (a - 1) * cos - sqrtA2Alpha);
                a0 = (a + 1) - (a - 1) * cos + sqrtA2Alpha;
                a1 = 2 * ((a - 1) - (a + 1) * cos);
                a2 = (a + 1) - (a - 1) * cos - sqrtA2Alpha;
                break;
            case SoxBiquadKind.PeakingEq:
                b0 = 1 + alpha * a;
                b1 = -2 * cos;
                b2 = 1 - alpha * a;
                a0 = 1 + alpha / a;
                a1 = -2 * cos;
                a2 = 1 - alpha / a;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown biquad kind");
        }
        return new BiquadCoefficients(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }
}
