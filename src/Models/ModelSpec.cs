namespace Ensemble.Models;

/// <summary>Which network to build: architecture name (<see cref="Architectures"/>), width multiplier (1 = the published networks; below 1 the slim CPU variants) and class count.</summary>
public sealed record ModelSpec
{
    public const string CustomCnn = "customcnn";
    public const string Inception3 = "inception3";
    public const string Inception1 = "inception1";
    public const double DefaultWidthMultiplier = 1.0;
    public const int DefaultClasses = 80;

    public static IReadOnlyList<string> Architectures { get; } = [CustomCnn, Inception3, Inception1];

    public ModelSpec(string architecture, double widthMultiplier = DefaultWidthMultiplier, int classes = DefaultClasses)
    {
        if (architecture is null || !Architectures.Contains(architecture))
            throw new ArgumentException($"Architecture must be one of {string.Join(", ", Architectures)}, got '{architecture}'", nameof(architecture));
        if (!(widthMultiplier > 0) || double.IsInfinity(widthMultiplier))
            throw new ArgumentException($"WidthMultiplier must be positive, got {widthMultiplier}", nameof(widthMultiplier));
        if (classes < 1)
            throw new ArgumentException($"Classes must be at least 1, got {classes}", nameof(classes));
        Architecture = architecture;
        WidthMultiplier = widthMultiplier;
        Classes = classes;
    }

    public string Architecture { get; }
    public double WidthMultiplier { get; }
    public int Classes { get; }

    /// <summary>Input channels the network's first convolution takes (the runner always passes 1-channel crops).</summary>
    public int InputChannels => Architecture == Inception3 ? 3 : 1;
}
