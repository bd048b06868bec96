namespace Ensemble.Training.Runs;

/// <summary>Beta(α, α) samples for mixup, from two Gamma(α) draws (Marsaglia and Tsang).</summary>
public static class BetaSampler
{
    public static double Sample(double alpha, Random random)
    {
        var x = Gamma(alpha, random);
        var y = Gamma(alpha, random);
        return x / (x + y);
    }

    private static double Gamma(double shape, Random random)
    {
        if (shape < 1)
            return Gamma(shape + 1, random) * Math.Pow(random.NextDouble(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
                return d * v;
        }
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
