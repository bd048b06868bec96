namespace Ensemble.Audio.Augmentation;

/// <summary>SoX's fade curves, by their letters q, h, t, l, p.</summary>
public enum FadeShape
{
    QuarterSine,
    HalfSine,
    Linear,
    Logarithmic,
    InvertedParabola,
}

internal static class FadeShapes
{
    public static bool TryParse(char letter, out FadeShape shape)
    {
        (var known, shape) = letter switch
        {
            'q' => (true, FadeShape.QuarterSine),
            'h' => (true, FadeShape.HalfSine),
            't' => (true, FadeShape.Linear),
            'l' => (true, FadeShape.Logarithmic),
            'p' => (true, FadeShape.InvertedParabola),
            _ => (false, FadeShape.Logarithmic),
        };
        return known;
    }

    public static char Letter(FadeShape shape) => "qhtlp"[(int)shape];

    /// <summary>Gain for position <paramref name="index"/> of <paramref name="range"/> (0 silent, range full).</summary>
    public static double Gain(FadeShape shape, long index, long range)
    {
        var x = Math.Clamp((double)index / range, 0, 1);
        return shape switch
        {
            FadeShape.QuarterSine => Math.Sin(x * Math.PI / 2),
            FadeShape.HalfSine => (1 - Math.Cos(x * Math.PI)) / 2,
            FadeShape.Linear => x,
            FadeShape.Logarithmic => Math.Pow(0.1, (1 - x) * 5), // SoX: -100 dB over the fade
            FadeShape.InvertedParabola => 1 - (1 - x) * (1 - x),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown fade shape"),
        };
    }
}
