namespace Ensemble.Audio.Shifts;

/// <summary>Small signal helpers the shift conditions share.</summary>
internal static class ShiftMath
{
    public static double MeanSquare(ReadOnlySpan<float> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
            sum += (double)s * s;
        return samples.Length == 0 ? 0 : sum / samples.Length;
    }

    /// <summary>Clips to [-1, 1], as the 16-bit files the shifted set is written to would.</summary>
    public static float[] Clip(ReadOnlySpan<double> samples)
    {
        var output = new float[samples.Length];
        for (var i = 0; i < samples.Length; i++)
            output[i] = (float)Math.Clamp(samples[i], -1, 1);
        return output;
    }

    /// <summary>A standard normal deviate (Box-Muller) from an explicit generator.</summary>
    public static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static double DbToAmplitude(double db) => Math.Pow(10, db / 20);
}
