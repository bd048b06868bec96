namespace Ensemble.Audio.Features;

/// <summary>A log-mel spectrogram in dB, [MelBands, Frames] row-major (mel band major, as the .npy and the model input).</summary>
public sealed class LogMel
{
    public LogMel(float[] values, int melBands, int frames)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (melBands <= 0 || frames <= 0)
            throw new ArgumentException($"melBands and frames must be positive, got {melBands} × {frames}", nameof(melBands));
        if (values.Length != (long)melBands * frames)
            throw new ArgumentException($"values holds {values.Length} numbers, {melBands} × {frames} = {(long)melBands * frames} expected", nameof(values));
        Values = values;
        MelBands = melBands;
        Frames = frames;
    }

    public float[] Values { get; }

    public int MelBands { get; }

    public int Frames { get; }

    public float this[int mel, int frame] => Values[(mel * Frames) + frame];

    public ReadOnlySpan<float> Band(int mel) => Values.AsSpan(mel * Frames, Frames);
}
