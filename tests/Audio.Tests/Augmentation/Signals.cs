namespace Ensemble.Audio.Tests.Augmentation;

/// <summary>Test signals made in code, and the measurements the effect tests share.</summary>
internal static class Signals
{
    public const int RateHz = 44100;

    public static float[] Tone(double frequencyHz, double seconds, double amplitude = 0.5)
    {
        var n = (int)(seconds * RateHz);
        var x = new float[n];
        for (var i = 0; i < n; i++)
            x[i] = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / RateHz));
        return x;
    }

    public static float[] Constant(double value, double seconds) => Enumerable.Repeat((float)value, (int)(seconds * RateHz)).ToArray();

    public static float[] Noise(double seconds, double amplitude, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, (int)(seconds * RateHz)).Select(_ => (float)(amplitude * (2 * random.NextDouble() - 1))).ToArray();
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        double sum = 0;
        foreach (var v in x)
            sum += v * (double)v;
        return Math.Sqrt(sum / Math.Max(x.Length, 1));
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);

    /// <summary>Frequency of the strongest component, by a Hann-windowed DFT scan at 0.5 Hz steps around the guess.</summary>
    public static double DominantFrequencyHz(float[] x, double lowHz, double highHz)
    {
        double best = lowHz, bestPower = -1;
        for (var f = lowHz; f <= highHz; f += 0.5)
        {
            double re = 0, im = 0;
            for (var i = 0; i < x.Length; i++)
            {
                var w = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / (x.Length - 1));
                var phase = 2 * Math.PI * f * i / RateHz;
                re += w * x[i] * Math.Cos(phase);
                im -= w * x[i] * Math.Sin(phase);
            }
            var power = re * re + im * im;
            if (power > bestPower)
                (best, bestPower) = (f, power);
        }
        return best;
    }
}
