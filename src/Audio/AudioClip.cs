namespace Ensemble.Audio;

/// <summary>Decoded mono audio: samples in [-1, 1] at <see cref="SampleRateHz"/>; <see cref="Source"/> names the file for errors.</summary>
public sealed record AudioClip(float[] Samples, int SampleRateHz, string Source)
{
    public double DurationSeconds => (double)Samples.Length / SampleRateHz;
}
