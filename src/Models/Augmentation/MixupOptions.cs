namespace Ensemble.Models.Augmentation;

/// <summary>mixup (Zhang et al. 2018): λ ~ Beta(Alpha, Alpha) per batch; RECIPE: Alpha = 1 (λ uniform).</summary>
public sealed record MixupOptions
{
    public const double DefaultAlpha = 1.0;

    public MixupOptions(double alpha = DefaultAlpha)
    {
        if (!(alpha > 0) || double.IsInfinity(alpha))
            throw new ArgumentException($"Alpha must be positive and finite, got {alpha}", nameof(alpha));
        Alpha = alpha;
    }

    public double Alpha { get; }
}
