namespace Ensemble.Audio.Decoding;

/// <summary>A WAV file's samples as stored: interleaved by channel, scaled to [-1, 1], at the file's rate.</summary>
public sealed record WavPcm(WavInfo Info, float[] InterleavedSamples, string Source);
