namespace Ensemble.Audio.Decoding;

/// <summary>Sample encodings the decoder reads.</summary>
public enum WavSampleFormat
{
    Pcm,
    IeeeFloat,
}

/// <summary>The format a WAV file declares, as stored (before mixdown and resampling).</summary>
public sealed record WavInfo(
    WavSampleFormat SampleFormat,
    bool Extensible,
    int BitsPerSample,
    int Channels,
    int SampleRateHz,
    long Frames)
{
    public double DurationSeconds => (double)Frames / SampleRateHz;

    public string Describe() =>
        $"{(SampleFormat == WavSampleFormat.Pcm ? "PCM" : "IEEE float")} {BitsPerSample}-bit{(Extensible ? " (WAVE_FORMAT_EXTENSIBLE)" : "")}";
}
