using Ensemble.Audio.Crops;

namespace Ensemble.Models.Augmentation;

/// <summary>
/// Seeded draws for the augmentations from <see cref="SplitMixRandom"/> (the same sequence on every .NET version and
/// machine; seeded System.Random promises no such thing), so one seed gives one sequence of crops, holes and lambdas
/// independent of libtorch's generator.
/// </summary>
internal sealed class AugmentationRandom(int seed)
{
    private readonly SplitMixRandom _random = SplitMixRandom.FromSeed(seed);

    public double Uniform() => _random.NextDouble();

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    /// <summary>Integer in [low, highExclusive), like torch.randint.</summary>
    public int Integer(int low, int highExclusive) => _random.Next(low, highExclusive);

    public bool Bernoulli(double probability) => probability >= 1 || (probability > 0 && _random.NextDouble() < probability);

    public long[] Permutation(int count)
    {
        var result = new long[count];
        for (var i = 0; i < count; i++)
            result[i] = i;
        for (var i = count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }
        return result;
    }

    /// <summary>Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b).</summary>
    public double Beta(double a, double b)
    {
        var x = Gamma(a);
        var y = Gamma(b);
        return x / (x + y);
    }

    // Marsaglia & Tsang (2000); shapes below 1 boosted by Gamma(a + 1)·U^(1/a).
    private double Gamma(double shape)
    {
        if (shape < 1)
            return Gamma(shape + 1) * Math.Pow(UniformOpen(), 1 / shape);
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = UniformOpen();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v))
                return d * v;
        }
    }

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(UniformOpen())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private double UniformOpen() => 1.0 - _random.NextDouble(); // (0, 1]: safe for Log and Pow
}
