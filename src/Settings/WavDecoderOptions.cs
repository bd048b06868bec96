using System.Globalization;
using System.Text.Json.Serialization;

namespace Ensemble.Settings;

/// <summary>How the WAV decoder decodes: the longest clip accepted and the output rate (null keeps the file's rate).</summary>
[GenerateSerializer, Immutable]
public sealed record WavDecoderOptions
{
    public const double DefaultMaxDurationSeconds = 600;
    public const int DefaultTargetSampleRateHz = 44100;
    public const int MinSampleRateHz = 8000;
    public const int MaxSampleRateHz = 192000;
    public const int MaxChannels = 8;

    public static WavDecoderOptions Default { get; } = new();

    [JsonConstructor]
    public WavDecoderOptions(double maxDurationSeconds = DefaultMaxDurationSeconds, int? targetSampleRateHz = DefaultTargetSampleRateHz)
    {
        var problems = new OptionProblems(nameof(WavDecoderOptions));
        problems.Require(maxDurationSeconds > 0 && !double.IsInfinity(maxDurationSeconds), nameof(MaxDurationSeconds), $"must be positive and finite, got {maxDurationSeconds}");
        problems.Require(targetSampleRateHz is not { } rate || (rate >= MinSampleRateHz && rate <= MaxSampleRateHz), nameof(TargetSampleRateHz),
            $"must be in {MinSampleRateHz}..{MaxSampleRateHz}, got {targetSampleRateHz}");
        problems.ThrowIfAny();
        MaxDurationSeconds = maxDurationSeconds;
        TargetSampleRateHz = targetSampleRateHz;
    }

    [Id(0)]
    public double MaxDurationSeconds { get; }

    /// <summary>Rate of the decoded clip; null keeps the file's own rate (used by `audio-info`).</summary>
    [Id(1)]
    public int? TargetSampleRateHz { get; }

    public string CanonicalString() => string.Create(CultureInfo.InvariantCulture,
        $"decode/v1;max_s={MaxDurationSeconds:R};rate={(TargetSampleRateHz is { } r ? r.ToString(CultureInfo.InvariantCulture) : "native")};resampler=kaiser-sinc-64-8.6-0.955;nonfinite=reject");
}
