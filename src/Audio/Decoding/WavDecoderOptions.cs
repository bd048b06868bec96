using System.Globalization;
using System.Text.Json.Serialization;

namespace Ensemble.Audio.Decoding;

/// <summary>How <see cref="WavDecoder"/> decodes: the longest clip accepted and the output rate (null keeps the file's rate).</summary>
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
        if (!(maxDurationSeconds > 0) || double.IsInfinity(maxDurationSeconds))
            throw new ArgumentException($"MaxDurationSeconds must be positive and finite, got {maxDurationSeconds}", nameof(maxDurationSeconds));
        if (targetSampleRateHz is { } rate && (rate < MinSampleRateHz || rate > MaxSampleRateHz))
            throw new ArgumentException($"TargetSampleRateHz must be in {MinSampleRateHz}..{MaxSampleRateHz}, got {rate}", nameof(targetSampleRateHz));
        MaxDurationSeconds = maxDurationSeconds;
        TargetSampleRateHz = targetSampleRateHz;
    }

    public double MaxDurationSeconds { get; }

    /// <summary>Rate of the decoded clip; null keeps the file's own rate (used by `audio-info`).</summary>
    public int? TargetSampleRateHz { get; }

    public string CanonicalString() => string.Create(CultureInfo.InvariantCulture,
        $"decode/v1;max_s={MaxDurationSeconds:R};rate={(TargetSampleRateHz is { } r ? r.ToString(CultureInfo.InvariantCulture) : "native")};resampler=kaiser-sinc-64-8.6-0.955;nonfinite=reject");
}
