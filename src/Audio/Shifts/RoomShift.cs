using NWaves.Operations;
using NWaves.Signals;

namespace Ensemble.Audio.Shifts;

/// <summary>
/// A room: convolution with a generated impulse response, a direct path followed (after a pre-delay) by Gaussian noise
/// decaying exponentially to -60 dB at <see cref="Rt60Seconds"/>, scaled to a direct-to-reverberant ratio. The response
/// is drawn once from the condition's seed, so every clip is heard in the same room. The output keeps the clip's length
/// and RMS level, so only the room changes, not the loudness.
/// </summary>
public sealed class RoomShift : IShift
{
    private readonly float[] _response;
    private readonly int _sampleRateHz;

    public RoomShift(string name, double rt60Seconds, double preDelaySeconds, double directToReverberantDb, int sampleRateHz, int seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rt60Seconds);
        ArgumentOutOfRangeException.ThrowIfNegative(preDelaySeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        Name = name;
        Rt60Seconds = rt60Seconds;
        PreDelaySeconds = preDelaySeconds;
        DirectToReverberantDb = directToReverberantDb;
        _sampleRateHz = sampleRateHz;
        _response = ImpulseResponse(rt60Seconds, preDelaySeconds, directToReverberantDb, sampleRateHz, new Crops.SplitMixRandom((ulong)(uint)seed));
    }

    public string Name { get; }
    public double Rt60Seconds { get; }
    public double PreDelaySeconds { get; }
    public double DirectToReverberantDb { get; }

    /// <summary>The impulse response at the rate the condition was made for (a copy).</summary>
    public float[] Response => (float[])_response.Clone();

    public string Description => $"room: RT60 {Rt60Seconds:0.##} s, pre-delay {PreDelaySeconds * 1000:0} ms, direct-to-reverberant {DirectToReverberantDb:+0.#;-0.#} dB";

    public float[] Apply(AudioClip clip, string clipId)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRateHz != _sampleRateHz)
            throw new ArgumentException($"{clip.Source}: {clip.SampleRateHz} Hz, but room '{Name}' was made for {_sampleRateHz} Hz", nameof(clip));
        if (clip.Samples.Length == 0)
            return [];
        // FFT convolution (NWaves): a one-second response over a 30 s clip is far too slow to convolve directly.
        var wet = Operation.Convolve(new DiscreteSignal(_sampleRateHz, clip.Samples), new DiscreteSignal(_sampleRateHz, _response)).Samples;
        var inputPower = ShiftMath.MeanSquare(clip.Samples);
        var outputPower = ShiftMath.MeanSquare(wet.AsSpan(0, clip.Samples.Length));
        var gain = outputPower == 0 ? 0 : Math.Sqrt(inputPower / outputPower);
        var output = new double[clip.Samples.Length];
        for (var i = 0; i < output.Length; i++)
            output[i] = wet[i] * gain;
        return ShiftMath.Clip(output);
    }

    private static float[] ImpulseResponse(double rt60Seconds, double preDelaySeconds, double directToReverberantDb, int sampleRateHz, Random random)
    {
        var preDelay = (int)Math.Round(preDelaySeconds * sampleRateHz);
        var tail = (int)Math.Ceiling(rt60Seconds * sampleRateHz);
        var response = new double[preDelay + tail];
        response[0] = 1;
        var tailEnergy = 0.0;
        // -60 dB of amplitude at RT60: exp(-ln(1000) t / RT60).
        var decay = Math.Log(1000) / (rt60Seconds * sampleRateHz);
        for (var n = 0; n < tail; n++)
        {
            var v = ShiftMath.Gaussian(random) * Math.Exp(-decay * n);
            response[preDelay + n] += v;
            tailEnergy += v * v;
        }
        var tailScale = Math.Sqrt(Math.Pow(10, -directToReverberantDb / 10) / tailEnergy);
        for (var n = Math.Max(preDelay, 1); n < response.Length; n++)
            response[n] *= tailScale;
        return response.Select(v => (float)v).ToArray();
    }
}
