using System.Globalization;
using Ensemble.Settings;

namespace Ensemble.Audio.Decoding;

/// <summary>What `ensemble audio-info` prints: the stored format plus peak and RMS over every channel's samples.</summary>
public sealed record AudioSummary(string Source, WavInfo Info, double PeakDbfs, double RmsDbfs, float Peak, double Rms)
{
    public static AudioSummary Read(string path, WavDecoderOptions? options = null) => Of(WavDecoder.ReadPcm(path, options));

    public static AudioSummary Of(WavPcm pcm)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        float peak = 0;
        double sumSquares = 0;
        foreach (var sample in pcm.InterleavedSamples)
        {
            peak = Math.Max(peak, Math.Abs(sample));
            sumSquares += (double)sample * sample;
        }
        var rms = Math.Sqrt(sumSquares / pcm.InterleavedSamples.Length);
        return new AudioSummary(pcm.Source, pcm.Info, ToDbfs(peak), ToDbfs(rms), peak, rms);
    }

    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"file        {Source}");
        yield return string.Create(c, $"format      {Info.Describe()}");
        yield return string.Create(c, $"rate        {Info.SampleRateHz} Hz");
        yield return string.Create(c, $"channels    {Info.Channels}");
        yield return string.Create(c, $"duration    {Info.DurationSeconds:0.000} s ({Info.Frames} frames)");
        yield return string.Create(c, $"peak        {Peak:0.000000} ({Format(PeakDbfs)} dBFS)");
        yield return string.Create(c, $"rms         {Rms:0.000000} ({Format(RmsDbfs)} dBFS)");
    }

    private static double ToDbfs(double linear) => linear > 0 ? 20 * Math.Log10(linear) : double.NegativeInfinity;

    private static string Format(double db) => double.IsNegativeInfinity(db) ? "-inf" : db.ToString("0.00", CultureInfo.InvariantCulture);
}
