using System.Globalization;

namespace Ensemble.Audio.Augmentation;

/// <summary>Number, frequency and time parsing with SoX's conventions (optional sign, `k` for kHz, `s` for samples).</summary>
internal static class SoxArguments
{
    public static double Number(string word, string effect, string what)
    {
        if (!double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new SoxChainException(word, $"{effect}: {what} must be a number");
        return value;
    }

    public static double Number(string word, string effect, string what, double min, double max)
    {
        var value = Number(word, effect, what);
        if (value < min || value > max)
            throw new SoxChainException(word, $"{effect}: {what} must be in [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}]");
        return value;
    }

    /// <summary>A frequency in Hz; a trailing `k` multiplies by 1000 (SoX's lsx_parse_frequency).</summary>
    public static double FrequencyHz(string word, string effect)
    {
        var kilo = word.EndsWith('k');
        var value = Number(kilo ? word[..^1] : word, effect, "frequency") * (kilo ? 1000 : 1);
        if (value <= 0)
            throw new SoxChainException(word, $"{effect}: frequency must be positive");
        return value;
    }

    /// <summary>A duration: seconds, [[hh:]mm:]ss.frac, or a sample count with a trailing `s`.</summary>
    public static SoxDuration Duration(string word, string effect)
    {
        if (word.EndsWith('s'))
        {
            if (!long.TryParse(word[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var samples))
                throw new SoxChainException(word, $"{effect}: a sample count must be a whole number followed by 's'");
            return SoxDuration.FromSamples(samples);
        }
        var seconds = 0.0;
        foreach (var part in word.Split(':'))
        {
            if (!double.TryParse(part, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                throw new SoxChainException(word, $"{effect}: a time must be seconds or [[hh:]mm:]ss.frac");
            seconds = seconds * 60 + value;
        }
        return SoxDuration.FromSeconds(seconds);
    }
}

/// <summary>A SoX time argument: seconds or an exact sample count, resolved once the rate is known.</summary>
internal readonly record struct SoxDuration(double Seconds, long? Samples)
{
    public static SoxDuration FromSeconds(double seconds) => new(seconds, null);
    public static SoxDuration FromSamples(long samples) => new(0, samples);

    // SoX rounds a time to the nearest sample (lsx_parsesamples adds .5).
    public long ToSamples(int sampleRateHz) => Samples ?? (long)(Seconds * sampleRateHz + 0.5);

    public override string ToString() => Samples is { } n ? $"{n}s" : Seconds.ToString(CultureInfo.InvariantCulture);
}
