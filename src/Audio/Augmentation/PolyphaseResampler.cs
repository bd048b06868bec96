using System.Numerics;
using Ensemble.Audio.Resampling;

namespace Ensemble.Audio.Augmentation;

// Written by hand: NWaves' Resampler tracks the read position in single precision, and the decoder's SincResampler
// evaluates its kernel tap by tap (about 6 audio-seconds/s for `pitch`); this runs the same kernel from a phase table.
/// <summary>
/// The kernel of <see cref="SincResampler"/> (Kaiser-windowed sinc, same zero crossings, beta and cutoff) tabulated
/// at <see cref="Phases"/> fractional positions per input sample; each output is the linear blend of the two
/// neighbouring phases' SIMD dot products. Positions are exact rationals, as in SincResampler, so lengths agree.
/// </summary>
internal sealed class PolyphaseResampler
{
    public const int Phases = 512;

    private readonly long _inputRate;
    private readonly long _outputRate;
    private readonly int _halfTaps;
    private readonly float[] _table; // (Phases + 1) rows of 2 × _halfTaps taps

    public PolyphaseResampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        _inputRate = inputRate;
        _outputRate = outputRate;
        var scale = Math.Min(1.0, (double)outputRate / inputRate);
        _halfTaps = (int)Math.Ceiling(SincResampler.ZeroCrossings / scale);
        var taps = 2 * _halfTaps;
        _table = new float[(Phases + 1) * taps];
        var besselBeta = BesselI0(SincResampler.KaiserBeta);
        for (var p = 0; p <= Phases; p++)
        {
            for (var m = 0; m < taps; m++)
            {
                // Tap m reads input n − halfTaps + 1 + m for an output at n + p/Phases.
                var distance = Math.Abs((double)p / Phases + _halfTaps - 1 - m) * scale;
                var ratio = distance / SincResampler.ZeroCrossings;
                var window = ratio >= 1 ? 0 : BesselI0(SincResampler.KaiserBeta * Math.Sqrt(1 - ratio * ratio)) / besselBeta;
                var cutoff = SincResampler.CutoffFraction;
                _table[p * taps + m] = (float)(scale * cutoff * Sinc(cutoff * distance) * window);
            }
        }
    }

    /// <summary>ceil(n × out / in), as SincResampler.</summary>
    public long OutputLength(long inputLength) => (inputLength * _outputRate + _inputRate - 1) / _inputRate;

    public float[] Process(ReadOnlySpan<float> input)
    {
        if (_inputRate == _outputRate)
            return input.ToArray();
        var taps = 2 * _halfTaps;
        var padded = new float[input.Length + taps + 1];
        input.CopyTo(padded.AsSpan(_halfTaps));
        var output = new float[OutputLength(input.Length)];
        for (long t = 0; t < output.Length; t++)
        {
            var numerator = t * _inputRate;
            var n = numerator / _outputRate;
            var phase = (double)(numerator - n * _outputRate) / _outputRate * Phases;
            var p = (int)phase;
            var blend = (float)(phase - p);
            var window = padded.AsSpan((int)n + 1, taps);
            var low = Dot(_table.AsSpan(p * taps, taps), window);
            var high = Dot(_table.AsSpan((p + 1) * taps, taps), window);
            output[t] = low + blend * (high - low);
        }
        return output;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
            total += a[i] * b[i];
        return total;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1;
        for (var k = 1; k < 64; k++)
        {
            term *= x / 2 / k;
            sum += term * term;
            if (term * term < sum * 1e-17)
                break;
        }
        return sum;
    }
}
