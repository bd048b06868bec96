namespace Ensemble.Audio.Augmentation;

/// <summary>
/// An effects chain written in SoX's syntax (e.g. `gain -h treble +20 bass +20`), applied to mono audio
/// with SoX's semantics. Immutable; parse once and apply to many clips.
/// </summary>
public sealed class SoxChain
{
    private SoxChain(string text, IReadOnlyList<ISoxEffect> effects)
    {
        Text = text;
        Effects = effects;
    }

    /// <summary>The chain as given.</summary>
    public string Text { get; }

    public IReadOnlyList<ISoxEffect> Effects { get; }

    /// <summary>Parses a chain; throws <see cref="SoxChainException"/> naming the first word it cannot accept.</summary>
    public static SoxChain Parse(string effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var words = effects.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
            throw new SoxChainException(effects, "no effects given");
        var parsed = new List<ISoxEffect>();
        for (var i = 0; i < words.Length;)
        {
            var name = words[i];
            if (!SoxEffectNames.Supported.Contains(name))
            {
                throw new SoxChainException(name, SoxEffectNames.All.Contains(name)
                    ? "SoX effect is not in the supported subset (gain, bass, treble, equalizer, fade, reverb, pitch)"
                    : "not a SoX effect");
            }
            // Like SoX, an effect's arguments run up to the next word that names an effect.
            var end = i + 1;
            while (end < words.Length && !SoxEffectNames.All.Contains(words[end]))
                end++;
            parsed.Add(SoxEffectParser.Parse(name, words[(i + 1)..end]));
            i = end;
        }
        return new SoxChain(effects.Trim(), ResolveHeadroom(parsed));
    }

    /// <summary>Names in-memory samples in a <see cref="SoxEffectException"/>.</summary>
    public const string InMemorySource = "in-memory samples";

    /// <summary>
    /// Applies every effect in order; returns a new array (the input is not modified). An effect that refuses these
    /// samples throws <see cref="SoxEffectException"/>.
    /// </summary>
    public float[] Apply(float[] samples, int sampleRateHz) => Apply(samples, sampleRateHz, InMemorySource);

    /// <summary>The chain applied to a decoded clip; a refusal names <see cref="AudioClip.Source"/>.</summary>
    public AudioClip Apply(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        return clip with { Samples = Apply(clip.Samples, clip.SampleRateHz, clip.Source) };
    }

    private float[] Apply(float[] samples, int sampleRateHz, string source)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        var current = samples;
        foreach (var effect in Effects)
        {
            try
            {
                current = effect.Apply(current, sampleRateHz);
            }
            catch (ArgumentException e)
            {
                // Effects refuse a clip they cannot process (too short for the fades, a band above Nyquist) this way.
                throw new SoxEffectException(Text, effect.Describe(), source, e.Message, e);
            }
        }
        return ReferenceEquals(current, samples) ? (float[])samples.Clone() : current;
    }

    public override string ToString() => string.Join(' ', Effects.Select(e => e.Describe()));

    // SoX passes a headroom factor from each `gain -h` down the chain until the next gain effect; every
    // effect that may amplify divides it in its start(), so the gain effect attenuates by their product.
    private static ISoxEffect[] ResolveHeadroom(List<ISoxEffect> effects)
    {
        var resolved = effects.ToArray();
        for (var i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] is not GainEffect { MakeHeadroom: true } gain)
                continue;
            var factor = 1.0;
            for (var j = i + 1; j < resolved.Length && resolved[j] is not GainEffect; j++)
                factor *= resolved[j].HeadroomFactor;
            resolved[i] = gain.WithHeadroom(factor);
        }
        return resolved;
    }
}
