namespace Ensemble.Models.Architectures;

/// <summary>
/// CustomCNN hyper-parameters (RECIPE "Models"). Block widths are <see cref="BaseWidths"/> × <see cref="WidthMultiplier"/>,
/// rounded, at least 1; the CPU recipes use multipliers below 1.
/// </summary>
public sealed record CustomCnnOptions
{
    public const double DefaultWidthMultiplier = 1.0;
    public const int DefaultClasses = 80;
    public const int DefaultHiddenUnits = 512;
    public const double DefaultHeadDropout1 = 0.4;
    public const double DefaultHeadDropout2 = 0.2;
    /// <summary>scSE channel-squeeze ratio of Roy et al. (2018).</summary>
    public const int DefaultScseReduction = 16;
    /// <summary>Two pooling steps of 3 along time: crops narrower than this cannot be pooled.</summary>
    public const int MinimumFrames = 9;
    public const int InputChannels = 1;

    public static IReadOnlyList<int> BaseWidths { get; } = [32, 64, 128, 256, 512];

    /// <summary>Pooling kernels (frequency, time) of blocks 1..5, each applied as max pool + average pool, summed.</summary>
    public static IReadOnlyList<(int Frequency, int Time)> PoolKernels { get; } = [(1, 1), (4, 1), (1, 3), (4, 1), (1, 3)];

    public CustomCnnOptions(
        double widthMultiplier = DefaultWidthMultiplier,
        int classes = DefaultClasses,
        int hiddenUnits = DefaultHiddenUnits,
        double headDropout1 = DefaultHeadDropout1,
        double headDropout2 = DefaultHeadDropout2,
        int scseReduction = DefaultScseReduction)
    {
        if (!(widthMultiplier > 0) || double.IsInfinity(widthMultiplier) || widthMultiplier > 16)
            throw new ArgumentException($"WidthMultiplier must be in (0, 16], got {widthMultiplier}", nameof(widthMultiplier));
        if (classes < 1)
            throw new ArgumentException($"Classes must be at least 1, got {classes}", nameof(classes));
        if (hiddenUnits < 1)
            throw new ArgumentException($"HiddenUnits must be at least 1, got {hiddenUnits}", nameof(hiddenUnits));
        if (!(headDropout1 is >= 0 and < 1))
            throw new ArgumentException($"HeadDropout1 must be in [0, 1), got {headDropout1}", nameof(headDropout1));
        if (!(headDropout2 is >= 0 and < 1))
            throw new ArgumentException($"HeadDropout2 must be in [0, 1), got {headDropout2}", nameof(headDropout2));
        if (scseReduction < 1)
            throw new ArgumentException($"ScseReduction must be at least 1, got {scseReduction}", nameof(scseReduction));
        WidthMultiplier = widthMultiplier;
        Classes = classes;
        HiddenUnits = hiddenUnits;
        HeadDropout1 = headDropout1;
        HeadDropout2 = headDropout2;
        ScseReduction = scseReduction;
    }

    public double WidthMultiplier { get; }
    public int Classes { get; }
    public int HiddenUnits { get; }
    public double HeadDropout1 { get; }
    public double HeadDropout2 { get; }
    public int ScseReduction { get; }

    /// <summary>Output channels of blocks 1..5.</summary>
    public IReadOnlyList<int> BlockWidths => BaseWidths.Select(w => (int)new ChannelWidth(WidthMultiplier).Scale(w)).ToArray();
}
