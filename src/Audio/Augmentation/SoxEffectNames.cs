namespace Ensemble.Audio.Augmentation;

/// <summary>The effect names of SoX 14.4.2, so that a chain is split where SoX splits it and an unsupported effect is named as such.</summary>
internal static class SoxEffectNames
{
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "bass", "equalizer", "fade", "gain", "pitch", "reverb", "treble",
    };

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "allpass", "band", "bandpass", "bandreject", "bass", "bend", "biquad", "chorus", "channels", "compand",
        "contrast", "dcshift", "deemph", "delay", "dither", "divide", "downsample", "earwax", "echo", "echos",
        "equalizer", "fade", "fir", "firfit", "flanger", "gain", "highpass", "hilbert", "ladspa", "loudness",
        "lowpass", "mcompand", "noiseprof", "noisered", "norm", "oops", "overdrive", "pad", "phaser", "pitch",
        "rate", "remix", "repeat", "reverb", "reverse", "riaa", "silence", "sinc", "spectrogram", "speed",
        "splice", "stat", "stats", "stretch", "swap", "synth", "tempo", "treble", "tremolo", "trim",
        "upsample", "vad", "vol",
    };
}
