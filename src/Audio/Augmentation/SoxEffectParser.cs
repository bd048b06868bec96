namespace Ensemble.Audio.Augmentation;

/// <summary>Turns one effect's words (SoX syntax) into an effect, with SoX's defaults for omitted arguments.</summary>
internal static class SoxEffectParser
{
    public static ISoxEffect Parse(string name, IReadOnlyList<string> args) => name switch
    {
        "gain" => Gain(args),
        "bass" => Shelf(name, SoxBiquadKind.LowShelf, BiquadEffect.BassDefaultFrequencyHz, args),
        "treble" => Shelf(name, SoxBiquadKind.HighShelf, BiquadEffect.TrebleDefaultFrequencyHz, args),
        "equalizer" => Equalizer(args),
        "fade" => Fade(args),
        "reverb" => Reverb(args),
        "pitch" => Pitch(args),
        _ => throw new SoxChainException(name, "effect is not in the supported subset (gain, bass, treble, equalizer, fade, reverb, pitch)"),
    };

    private static GainEffect Gain(IReadOnlyList<string> args)
    {
        var i = 0;
        var headroom = false;
        // gain.c: a word is an option if it starts with '-' followed by neither a digit nor '.'.
        for (; i < args.Count && args[i].Length > 1 && args[i][0] == '-' && !char.IsAsciiDigit(args[i][1]) && args[i][1] != '.'; i++)
        {
            foreach (var option in args[i][1..])
            {
                if (option == 'h')
                    headroom = true;
                else if ("nebBrl".Contains(option, StringComparison.Ordinal))
                    throw new SoxChainException(args[i], $"gain: option -{option} is not in the supported subset (only -h)");
                else
                    throw new SoxChainException(args[i], $"gain: invalid option -{option}");
            }
        }
        var gainDb = i < args.Count ? SoxArguments.Number(args[i++], "gain", "gain-dB") : 0;
        RefuseExtra(args, i, "gain");
        return new GainEffect(gainDb, headroom);
    }

    private static BiquadEffect Shelf(string name, SoxBiquadKind kind, double defaultFrequencyHz, IReadOnlyList<string> args)
    {
        if (args.Count < 1)
            throw new SoxChainException(name, $"{name}: needs gain [frequency [width[s|q|o|h|k]]]");
        RefuseExtra(args, 3, name);
        var gainDb = SoxArguments.Number(args[0], name, "gain");
        var frequencyHz = args.Count > 1 ? SoxArguments.FrequencyHz(args[1], name) : defaultFrequencyHz;
        var (width, unit) = args.Count > 2 ? Width(args[2], name, "shkqo") : (BiquadEffect.ShelfDefaultSlope, SoxWidthUnit.Slope);
        if (unit == SoxWidthUnit.Slope && width > 1)
            throw new SoxChainException(args[2], $"{name}: a slope must be at most 1");
        return new BiquadEffect(name, kind, gainDb, frequencyHz, width, unit);
    }

    private static BiquadEffect Equalizer(IReadOnlyList<string> args)
    {
        if (args.Count < 3)
            throw new SoxChainException("equalizer", "equalizer: needs frequency width[q|o|h|k] gain");
        RefuseExtra(args, 3, "equalizer");
        var frequencyHz = SoxArguments.FrequencyHz(args[0], "equalizer");
        var (width, unit) = Width(args[1], "equalizer", "qohk");
        var gainDb = SoxArguments.Number(args[2], "equalizer", "gain");
        return new BiquadEffect("equalizer", SoxBiquadKind.PeakingEq, gainDb, frequencyHz, width, unit);
    }

    /// <summary>A width with an optional unit letter; without one the effect's first allowed unit applies.</summary>
    private static (double Width, SoxWidthUnit Unit) Width(string word, string effect, string allowedUnits)
    {
        var letter = word.Length > 0 && char.IsAsciiLetter(word[^1]) ? word[^1] : allowedUnits[0];
        if (!allowedUnits.Contains(letter, StringComparison.Ordinal))
            throw new SoxChainException(word, $"{effect}: width unit '{letter}' is not one of {allowedUnits}");
        var number = char.IsAsciiLetter(word[^1]) ? word[..^1] : word;
        var width = SoxArguments.Number(number, effect, "width");
        if (width <= 0)
            throw new SoxChainException(word, $"{effect}: width must be positive");
        return letter switch
        {
            's' => (width, SoxWidthUnit.Slope),
            'q' => (width, SoxWidthUnit.Q),
            'o' => (width, SoxWidthUnit.Octaves),
            'h' => (width, SoxWidthUnit.Hertz),
            _ => (width * 1000, SoxWidthUnit.Hertz), // 'k'
        };
    }

    private static FadeEffect Fade(IReadOnlyList<string> args)
    {
        var i = 0;
        var shape = FadeEffect.DefaultShape;
        if (args.Count > 0 && args[0].Length == 1 && FadeShapes.TryParse(args[0][0], out var parsed))
        {
            shape = parsed;
            i++;
        }
        if (i >= args.Count)
            throw new SoxChainException("fade", "fade: needs [type] fade-in-length [stop-position [fade-out-length]]");
        RefuseExtra(args, i + 3, "fade");
        var fadeIn = SoxArguments.Duration(args[i], "fade");
        SoxDuration? stop = i + 1 < args.Count ? SoxArguments.Duration(args[i + 1], "fade") : null;
        SoxDuration? fadeOut = i + 2 < args.Count ? SoxArguments.Duration(args[i + 2], "fade") : null;
        return new FadeEffect(shape, fadeIn, stop, fadeOut);
    }

    private static ReverbEffect Reverb(IReadOnlyList<string> args)
    {
        var i = 0;
        var wetOnly = args.Count > 0 && args[0] is "-w" or "--wet-only";
        if (wetOnly)
            i++;
        RefuseExtra(args, i + 6, "reverb");
        double Arg(int k, double fallback, double min, double max, string what) =>
            i + k < args.Count ? SoxArguments.Number(args[i + k], "reverb", what, min, max) : fallback;
        return new ReverbEffect(new ReverbOptions(
            wetOnly,
            Arg(0, ReverbOptions.DefaultReverberancePercent, 0, 100, "reverberance"),
            Arg(1, ReverbOptions.DefaultHfDampingPercent, 0, 100, "HF-damping"),
            Arg(2, ReverbOptions.DefaultRoomScalePercent, 0, 100, "room-scale"),
            Arg(3, ReverbOptions.DefaultStereoDepthPercent, 0, 100, "stereo-depth"),
            Arg(4, ReverbOptions.DefaultPreDelayMs, 0, 500, "pre-delay"),
            Arg(5, ReverbOptions.DefaultWetGainDb, -10, 10, "wet-gain")));
    }

    private static PitchEffect Pitch(IReadOnlyList<string> args)
    {
        if (args.Count > 0 && args[0] == "-q")
            throw new SoxChainException("-q", "pitch: quick search (-q) is not in the supported subset");
        if (args.Count < 1)
            throw new SoxChainException("pitch", "pitch: needs shift-in-cents [segment-ms [search-ms [overlap-ms]]]");
        RefuseExtra(args, 4, "pitch");
        var cents = SoxArguments.Number(args[0], "pitch", "shift-in-cents");
        double? Arg(int k, double min, double max, string what) =>
            k < args.Count ? SoxArguments.Number(args[k], "pitch", what, min, max) : null;
        var segment = Arg(1, 10, 120, "segment-ms");
        var search = Arg(2, 0, 30, "search-ms");
        var overlap = Arg(3, 0, 30, "overlap-ms");
        try
        {
            return new PitchEffect(cents, segment, search, overlap);
        }
        catch (ArgumentException e)
        {
            throw new SoxChainException(args[0], $"pitch: {e.Message}", e);
        }
    }

    private static void RefuseExtra(IReadOnlyList<string> args, int allowed, string effect)
    {
        if (args.Count > allowed)
            throw new SoxChainException(args[allowed], $"{effect}: unexpected argument");
    }
}
