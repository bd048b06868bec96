namespace Ensemble.Audio.Shifts;

/// <summary>
/// Background noise of a colour added at a signal-to-noise ratio measured over the whole clip (mean squares). The noise
/// is drawn from a generator seeded by (condition seed, clip id), so every clip gets its own, reproducible noise.
/// A silent clip has no level to measure an SNR against and is returned unchanged.
/// </summary>
public sealed class NoiseShift : IShift
{
    // Brown noise is leaky-integrated white noise; the leak keeps it from drifting (a corner near 3 Hz at 44.1 kHz).
    private const double BrownLeak = 0.9995;

    public NoiseShift(string name, NoiseColour colour, double snrDb, int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Colour = colour;
        SnrDb = snrDb;
        Seed = seed;
    }

    public string Name { get; }
    public NoiseColour Colour { get; }
    public double SnrDb { get; }
    public int Seed { get; }

    public string Description => $"{ColourName} noise at {SnrDb:0.#} dB SNR";

    private string ColourName => Colour switch
    {
        NoiseColour.White => "white",
        NoiseColour.Pink => "pink",
        NoiseColour.Brown => "brown",
        _ => throw new InvalidOperationException($"unknown noise colour {Colour}"),
    };

    public float[] Apply(AudioClip clip, string clipId)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var signalPower = ShiftMath.MeanSquare(clip.Samples);
        if (signalPower == 0)
            return (float[])clip.Samples.Clone();
        var noise = Noise(clip.Samples.Length, new Crops.SplitMixRandom(ClipSeed(clipId)));
        var noisePower = noise.Sum(n => n * n) / noise.Length;
        var scale = Math.Sqrt(signalPower / (noisePower * Math.Pow(10, SnrDb / 10)));
        var mixed = new double[noise.Length];
        for (var i = 0; i < mixed.Length; i++)
            mixed[i] = clip.Samples[i] + scale * noise[i];
        return ShiftMath.Clip(mixed);
    }

    private ulong ClipSeed(string clipId) => Crops.SplitMixRandom.ForClip(clipId, Seed).NextUInt64();

    private double[] Noise(int length, Random random)
    {
        var noise = new double[length];
        // Paul Kellet's "economy" pink filter: three one-pole sections, within 0.5 dB of -3 dB/octave above ~40 Hz.
        double b0 = 0, b1 = 0, b2 = 0, brown = 0;
        for (var i = 0; i < length; i++)
        {
            var white = ShiftMath.Gaussian(random);
            noise[i] = Colour switch
            {
                NoiseColour.White => white,
                NoiseColour.Pink => Pink(white, ref b0, ref b1, ref b2),
                NoiseColour.Brown => brown = BrownLeak * brown + white,
                _ => throw new InvalidOperationException($"unknown noise colour {Colour}"),
            };
        }
        return noise;
    }

    private static double Pink(double white, ref double b0, ref double b1, ref double b2)
    {
        b0 = 0.99765 * b0 + white * 0.0990460;
        b1 = 0.96300 * b1 + white * 0.2965164;
        b2 = 0.57000 * b2 + white * 1.0526913;
        return b0 + b1 + b2 + white * 0.1848;
    }
}
