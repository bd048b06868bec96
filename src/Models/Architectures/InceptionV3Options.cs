namespace Ensemble.Models.Architectures;

/// <summary>
/// Inception-v3 as torchvision's <c>inception_v3(num_classes, aux_logits=False, transform_input=False)</c>, with a
/// 3-channel first convolution (the 1-channel crop repeated inside the model) or a 1-channel one. A
/// <see cref="WidthMultiplier"/> below 1 scales every layer's channels (the CPU recipes' slim variant, as CustomCNN's);
/// 1 is torchvision's network.
/// </summary>
public sealed record InceptionV3Options
{
    public const int DefaultClasses = 80;
    public const double DefaultDropout = 0.5;
    /// <summary>torchvision's init_weights=True: truncated normal, std 0.1, cut at ±2 (absolute), on conv and linear weights.</summary>
    public const double InitStd = 0.1;
    public const double InitBound = 2.0;
    /// <summary>Smallest input side the stride-2 stem and the two grid reductions accept (torchvision: 75).</summary>
    public const int MinimumSide = 75;
    public const double DefaultWidthMultiplier = 1.0;

    public InceptionV3Options(int inputChannels, int classes = DefaultClasses, double dropout = DefaultDropout, double widthMultiplier = DefaultWidthMultiplier)
    {
        if (!(widthMultiplier > 0) || double.IsInfinity(widthMultiplier) || widthMultiplier > 16)
            throw new ArgumentException($"WidthMultiplier must be in (0, 16], got {widthMultiplier}", nameof(widthMultiplier));
        if (inputChannels is not (1 or 3))
            throw new ArgumentException($"InputChannels must be 1 or 3, got {inputChannels}", nameof(inputChannels));
        if (classes < 1)
            throw new ArgumentException($"Classes must be at least 1, got {classes}", nameof(classes));
        if (!(dropout is >= 0 and < 1))
            throw new ArgumentException($"Dropout must be in [0, 1), got {dropout}", nameof(dropout));
        InputChannels = inputChannels;
        Classes = classes;
        Dropout = dropout;
        WidthMultiplier = widthMultiplier;
    }

    public int InputChannels { get; }
    public int Classes { get; }
    public double Dropout { get; }
    public double WidthMultiplier { get; }
}
