using System.Globalization;
using NWaves.Filters.Base64;

namespace Ensemble.Audio.Augmentation;

/// <summary>SoX's `bass`, `treble` and `equalizer`: one biquad with SoX's defaults and width units.</summary>
public sealed class BiquadEffect : ISoxEffect
{
    public const double BassDefaultFrequencyHz = 100;
    public const double TrebleDefaultFrequencyHz = 3000;
    public const double ShelfDefaultSlope = 0.5;

    public BiquadEffect(string name, SoxBiquadKind kind, double gainDb, double frequencyHz, double width, SoxWidthUnit widthUnit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frequencyHz);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (widthUnit == SoxWidthUnit.Slope && width > 1)
            throw new ArgumentException("a slope must be at most 1", nameof(width));
        Name = name;
        Kind = kind;
        GainDb = gainDb;
        FrequencyHz = frequencyHz;
        Width = width;
        WidthUnit = widthUnit;
    }

    public string Name { get; }
    public SoxBiquadKind Kind { get; }
    public double GainDb { get; }
    public double FrequencyHz { get; }
    public double Width { get; }
    public SoxWidthUnit WidthUnit { get; }

    // biquads.c divides the headroom by the filter's largest boost: dB_to_linear(max(gain, 0)).
    public double HeadroomFactor => Math.Pow(10, Math.Max(GainDb, 0) / 20);

    public BiquadCoefficients Coefficients(int sampleRateHz) =>
        SoxBiquadDesign.Design(Kind, GainDb, FrequencyHz, Width, WidthUnit, sampleRateHz);

    public float[] Apply(float[] samples, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(samples);
        // SoX drops a shelf or peak with 0 dB gain ("has no effect in this configuration").
        if (GainDb == 0)
            return (float[])samples.Clone();
        var c = Coefficients(sampleRateHz);
        // Double precision, as SoX's biquad.c: NWaves' single-precision BiQuadFilter drifted 0.25 dB from sox in bands 80 dB down.
        var filter = new IirFilter64([c.B0, c.B1, c.B2], [1, c.A1, c.A2]);
        var output = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
            output[i] = (float)Math.Clamp(filter.Process(samples[i]), -1, 1);
        return output;
    }

    public string Describe()
    {
        var unit = WidthUnit switch { SoxWidthUnit.Slope => "s", SoxWidthUnit.Q => "q", SoxWidthUnit.Octaves => "o", _ => "h" };
        var gain = GainDb.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture);
        var frequency = FrequencyHz.ToString(CultureInfo.InvariantCulture);
        var width = Width.ToString(CultureInfo.InvariantCulture) + unit;
        return Kind == SoxBiquadKind.PeakingEq ? $"{Name} {frequency} {width} {gain}" : $"{Name} {gain} {frequency} {width}";
    }
}
