namespace Ensemble.Audio.Tests.Signals;

/// <summary>Synthetic test signals made in code (tests never read ../shared).</summary>
internal static class Tones
{
    public static double[] Sine(double frequencyHz, int rateHz, int length, double amplitude = 0.5)
    {
        var samples = new double[length];
        for (var i = 0; i < length; i++)
            samples[i] = amplitude * Math.Sin(2 * Math.PI * frequencyHz * i / rateHz);
        return samples;
    }

    public static float[] SineF(double frequencyHz, int rateHz, int length, double amplitude = 0.5) =>
        Array.ConvertAll(Sine(frequencyHz, rateHz, length, amplitude), x => (float)x);

    public static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples)
            sum += (double)s * s;
        return Math.Sqrt(sum / samples.Length);
    }
}
