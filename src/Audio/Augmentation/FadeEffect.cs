namespace Ensemble.Audio.Augmentation;

/// <summary>
/// SoX's `fade [type] fade-in [stop [fade-out]]`. As in SoX, there is no fade-out unless a stop position
/// is given (0 meaning the end of the audio); the fade-out length then defaults to the fade-in length,
/// the output ends at the stop position and is padded with silence if the audio is shorter.
/// </summary>
public sealed class FadeEffect : ISoxEffect
{
    public const FadeShape DefaultShape = FadeShape.Logarithmic;

    internal FadeEffect(FadeShape shape, SoxDuration fadeIn, SoxDuration? stop, SoxDuration? fadeOut)
    {
        if (fadeOut is not null && stop is null)
            throw new ArgumentException("a fade-out length needs a stop position", nameof(fadeOut));
        Shape = shape;
        FadeIn = fadeIn;
        Stop = stop;
        FadeOut = fadeOut;
    }

    public FadeShape Shape { get; }
    internal SoxDuration FadeIn { get; }
    internal SoxDuration? Stop { get; }
    internal SoxDuration? FadeOut { get; }

    public double HeadroomFactor => 1;

    public float[] Apply(float[] samples, int sampleRateHz)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var inStop = FadeIn.ToSamples(sampleRateHz);
        long outStart = 0, outStop = 0;
        if (Stop is { } stop)
        {
            outStop = stop.ToSamples(sampleRateHz);
            if (outStop == 0)
                outStop = samples.Length;
            outStart = outStop - (FadeOut ?? FadeIn).ToSamples(sampleRateHz);
            if (inStop > outStart)
                inStop--; // SoX's one-sample grace for rounding
            if (inStop > outStart)
                throw new ArgumentException($"fade-out overlaps fade-in ({samples.Length} samples at {sampleRateHz} Hz)", nameof(samples));
        }
        var length = Stop is null ? samples.Length : outStop;
        var output = new float[length];
        for (long i = 0; i < length; i++)
        {
            var x = i < samples.Length ? samples[i] : 0f;
            double gain = 1;
            if (i < inStop)
                gain = FadeShapes.Gain(Shape, i, inStop);
            else if (Stop is not null && i >= outStart)
                gain = FadeShapes.Gain(Shape, outStop - i, outStop - outStart);
            output[i] = (float)(x * gain);
        }
        return output;
    }

    public string Describe() =>
        $"fade {FadeShapes.Letter(Shape)} {FadeIn}" + (Stop is { } s ? $" {s}" : "") + (FadeOut is { } o ? $" {o}" : "");
}
