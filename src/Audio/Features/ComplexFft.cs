using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Ensemble.Audio.Features;

/// <summary>
/// Mixed-radix complex FFT (Stockham autosort, decimation in frequency) for any length, with twiddles precomputed per plan.
/// Hand-written because NWaves' FFTs take power-of-two sizes only and n_fft = 2560 = 2^9 × 5.
/// Radix 4, 2 and 5 have dedicated butterflies; other factors (3, larger primes) use a generic small DFT.
/// </summary>
internal sealed class ComplexFft
{
    private readonly Stage[] _stages;

    public ComplexFft(int length)
    {
        if (length < 1)
            throw new ArgumentException($"FFT length must be positive, got {length}", nameof(length));
        Length = length;
        var stages = new List<Stage>();
        var n = length;
        var stride = 1;
        foreach (var radix in Factor(length))
        {
            stages.Add(new Stage(radix, n, stride));
            stride *= radix;
            n /= radix;
        }
        _stages = [.. stages];
    }

    public int Length { get; }

    /// <summary>In-place forward transform (e^{-2πi jk/N}); <paramref name="scratchRe"/>/<paramref name="scratchIm"/> hold N values each.</summary>
    public void Forward(Span<double> re, Span<double> im, Span<double> scratchRe, Span<double> scratchIm)
    {
        Span<double> xr = re, xi = im, yr = scratchRe[..Length], yi = scratchIm[..Length];
        foreach (var stage in _stages)
        {
            stage.Apply(xr, xi, yr, yi);
            var tr = xr;
            xr = yr;
            yr = tr;
            var ti = xi;
            xi = yi;
            yi = ti;
        }
        if (_stages.Length % 2 == 1)
        {
            xr.CopyTo(re);
            xi.CopyTo(im);
        }
    }

    private static List<int> Factor(int length)
    {
        var factors = new List<int>();
        var rest = length;
        while (rest % 4 == 0)
        {
            factors.Add(4);
            rest /= 4;
        }
        if (rest % 2 == 0)
        {
            factors.Add(2);
            rest /= 2;
        }
        for (var p = 3; rest > 1; p += 2)
        {
            while (rest % p == 0)
            {
                factors.Add(p);
                rest /= p;
            }
            if (p * p > rest && rest > 1)
            {
                factors.Add(rest);
                rest = 1;
            }
        }
        return factors;
    }

    /// <summary>One pass: sub-length n split by radix p at stride s; twiddles w_n^(j·k) for j &lt; n/p, k &lt; p.</summary>
    private sealed class Stage
    {
        private readonly int _radix;
        private readonly int _m;
        private readonly int _stride;
        private readonly double[] _twRe;
        private readonly double[] _twIm;
        private readonly double[] _rootRe;
        private readonly double[] _rootIm;

        public Stage(int radix, int n, int stride)
        {
            _radix = radix;
            _m = n / radix;
            _stride = stride;
            _twRe = new double[_m * radix];
            _twIm = new double[_m * radix];
            for (var j = 0; j < _m; j++)
            {
                for (var k = 0; k < radix; k++)
                {
                    var angle = -2 * Math.PI * j * k / n;
                    _twRe[(j * radix) + k] = Math.Cos(angle);
                    _twIm[(j * radix) + k] = Math.Sin(angle);
                }
            }
            _rootRe = new double[radix];
            _rootIm = new double[radix];
            for (var k = 0; k < radix; k++)
            {
                _rootRe[k] = Math.Cos(-2 * Math.PI * k / radix);
                _rootIm[k] = Math.Sin(-2 * Math.PI * k / radix);
            }
        }

        public void Apply(ReadOnlySpan<double> xr, ReadOnlySpan<double> xi, Span<double> yr, Span<double> yi)
        {
            switch (_radix)
            {
                case 4:
                    Radix4(xr, xi, yr, yi);
                    break;
                case 2:
                    Radix2(xr, xi, yr, yi);
                    break;
                case 5:
                    Radix5(xr, xi, yr, yi);
                    break;
                default:
                    Generic(xr, xi, yr, yi);
                    break;
            }
        }

        private void Radix2(ReadOnlySpan<double> xr, ReadOnlySpan<double> xi, Span<double> yr, Span<double> yi)
        {
            int s = _stride, m = _m;
            for (var j = 0; j < m; j++)
            {
                var w1r = _twRe[(j * 2) + 1];
                var w1i = _twIm[(j * 2) + 1];
                for (var q = 0; q < s; q++)
                {
                    int a = q + (s * j), b = a + (s * m);
                    double dr = xr[a] - xr[b], di = xi[a] - xi[b];
                    var o = q + (s * 2 * j);
                    yr[o] = xr[a] + xr[b];
                    yi[o] = xi[a] + xi[b];
                    yr[o + s] = (dr * w1r) - (di * w1i);
                    yi[o + s] = (dr * w1i) + (di * w1r);
                }
            }
        }

        // The butterflies index through refs: the stage geometry keeps every index inside the spans (checked by the
        // constructor's factorisation and by Forward's length slicing), and bounds checks cost about half the time here.
        private void Radix4(ReadOnlySpan<double> xrSpan, ReadOnlySpan<double> xiSpan, Span<double> yrSpan, Span<double> yiSpan)
        {
            int s = _stride, m = _m, sm = s * m;
            ref var xr = ref MemoryMarshal.GetReference(xrSpan);
            ref var xi = ref MemoryMarshal.GetReference(xiSpan);
            ref var yr = ref MemoryMarshal.GetReference(yrSpan);
            ref var yi = ref MemoryMarshal.GetReference(yiSpan);
            for (var j = 0; j < m; j++)
            {
                var t = j * 4;
                double w1r = _twRe[t + 1], w1i = _twIm[t + 1], w2r = _twRe[t + 2], w2i = _twIm[t + 2], w3r = _twRe[t + 3], w3i = _twIm[t + 3];
                for (var q = 0; q < s; q++)
                {
                    var i0 = q + (s * j);
                    int i1 = i0 + sm, i2 = i1 + sm, i3 = i2 + sm;
                    double x0r = Unsafe.Add(ref xr, i0), x0i = Unsafe.Add(ref xi, i0), x1r = Unsafe.Add(ref xr, i1), x1i = Unsafe.Add(ref xi, i1);
                    double x2r = Unsafe.Add(ref xr, i2), x2i = Unsafe.Add(ref xi, i2), x3r = Unsafe.Add(ref xr, i3), x3i = Unsafe.Add(ref xi, i3);
                    double ar = x0r + x2r, ai = x0i + x2i, br = x0r - x2r, bi = x0i - x2i;
                    double cr = x1r + x3r, ci = x1i + x3i, dr = x1r - x3r, di = x1i - x3i;
                    // X0 = a + c; X1 = b - i·d; X2 = a - c; X3 = b + i·d
                    double y1r = br + di, y1i = bi - dr, y2r = ar - cr, y2i = ai - ci, y3r = br - di, y3i = bi + dr;
                    var o = q + (s * 4 * j);
                    Unsafe.Add(ref yr, o) = ar + cr;
                    Unsafe.Add(ref yi, o) = ai + ci;
                    Unsafe.Add(ref yr, o + s) = (y1r * w1r) - (y1i * w1i);
                    Unsafe.Add(ref yi, o + s) = (y1r * w1i) + (y1i * w1r);
                    Unsafe.Add(ref yr, o + (2 * s)) = (y2r * w2r) - (y2i * w2i);
                    Unsafe.Add(ref yi, o + (2 * s)) = (y2r * w2i) + (y2i * w2r);
                    Unsafe.Add(ref yr, o + (3 * s)) = (y3r * w3r) - (y3i * w3i);
                    Unsafe.Add(ref yi, o + (3 * s)) = (y3r * w3i) + (y3i * w3r);
                }
            }
        }

        private void Radix5(ReadOnlySpan<double> xrSpan, ReadOnlySpan<double> xiSpan, Span<double> yrSpan, Span<double> yiSpan)
        {
            // DFT-5 with the cos/sin symmetries: 4 real multiplies per output pair instead of a 5 × 5 matrix.
            int s = _stride, m = _m, sm = s * m;
            double c1 = _rootRe[1], c2 = _rootRe[2], s1 = -_rootIm[1], s2 = -_rootIm[2];
            ref var xr = ref MemoryMarshal.GetReference(xrSpan);
            ref var xi = ref MemoryMarshal.GetReference(xiSpan);
            ref var yr = ref MemoryMarshal.GetReference(yrSpan);
            ref var yi = ref MemoryMarshal.GetReference(yiSpan);
            for (var j = 0; j < m; j++)
            {
                var t = j * 5;
                double w1r = _twRe[t + 1], w1i = _twIm[t + 1], w2r = _twRe[t + 2], w2i = _twIm[t + 2];
                double w3r = _twRe[t + 3], w3i = _twIm[t + 3], w4r = _twRe[t + 4], w4i = _twIm[t + 4];
                for (var q = 0; q < s; q++)
                {
                    var i0 = q + (s * j);
                    int i1 = i0 + sm, i2 = i1 + sm, i3 = i2 + sm, i4 = i3 + sm;
                    double a0r = Unsafe.Add(ref xr, i0), a0i = Unsafe.Add(ref xi, i0);
                    double a1r = Unsafe.Add(ref xr, i1), a1i = Unsafe.Add(ref xi, i1), a4r = Unsafe.Add(ref xr, i4), a4i = Unsafe.Add(ref xi, i4);
                    double a2r = Unsafe.Add(ref xr, i2), a2i = Unsafe.Add(ref xi, i2), a3r = Unsafe.Add(ref xr, i3), a3i = Unsafe.Add(ref xi, i3);
                    double t1r = a1r + a4r, t1i = a1i + a4i, t2r = a2r + a3r, t2i = a2i + a3i;
                    double t3r = a1r - a4r, t3i = a1i - a4i, t4r = a2r - a3r, t4i = a2i - a3i;
                    double b1r = a0r + (c1 * t1r) + (c2 * t2r), b1i = a0i + (c1 * t1i) + (c2 * t2i);
                    double b2r = a0r + (c2 * t1r) + (c1 * t2r), b2i = a0i + (c2 * t1i) + (c1 * t2i);
                    double dr = (s1 * t3r) + (s2 * t4r), di = (s1 * t3i) + (s2 * t4i);
                    double er = (s2 * t3r) - (s1 * t4r), ei = (s2 * t3i) - (s1 * t4i);
                    double y1r = b1r + di, y1i = b1i - dr, y2r = b2r + ei, y2i = b2i - er;
                    double y3r = b2r - ei, y3i = b2i + er, y4r = b1r - di, y4i = b1i + dr;
                    var o = q + (s * 5 * j);
                    Unsafe.Add(ref yr, o) = a0r + t1r + t2r;
                    Unsafe.Add(ref yi, o) = a0i + t1i + t2i;
                    Unsafe.Add(ref yr, o + s) = (y1r * w1r) - (y1i * w1i);
                    Unsafe.Add(ref yi, o + s) = (y1r * w1i) + (y1i * w1r);
                    Unsafe.Add(ref yr, o + (2 * s)) = (y2r * w2r) - (y2i * w2i);
                    Unsafe.Add(ref yi, o + (2 * s)) = (y2r * w2i) + (y2i * w2r);
                    Unsafe.Add(ref yr, o + (3 * s)) = (y3r * w3r) - (y3i * w3i);
                    Unsafe.Add(ref yi, o + (3 * s)) = (y3r * w3i) + (y3i * w3r);
                    Unsafe.Add(ref yr, o + (4 * s)) = (y4r * w4r) - (y4i * w4i);
                    Unsafe.Add(ref yi, o + (4 * s)) = (y4r * w4i) + (y4i * w4r);
                }
            }
        }

        private void Generic(ReadOnlySpan<double> xr, ReadOnlySpan<double> xi, Span<double> yr, Span<double> yi)
        {
            int p = _radix, s = _stride, m = _m;
            Span<double> ar = stackalloc double[p];
            Span<double> ai = stackalloc double[p];
            for (var j = 0; j < m; j++)
            {
                for (var q = 0; q < s; q++)
                {
                    for (var r = 0; r < p; r++)
                    {
                        ar[r] = xr[q + (s * (j + (r * m)))];
                        ai[r] = xi[q + (s * (j + (r * m)))];
                    }
                    for (var k = 0; k < p; k++)
                    {
                        double sr = 0, si = 0;
                        var root = 0;
                        for (var r = 0; r < p; r++, root = root + k >= p ? root + k - p : root + k)
                        {
                            sr += (ar[r] * _rootRe[root]) - (ai[r] * _rootIm[root]);
                            si += (ar[r] * _rootIm[root]) + (ai[r] * _rootRe[root]);
                        }
                        var tw = (j * p) + k;
                        var o = q + (s * ((p * j) + k));
                        yr[o] = (sr * _twRe[tw]) - (si * _twIm[tw]);
                        yi[o] = (sr * _twIm[tw]) + (si * _twRe[tw]);
                    }
                }
            }
        }
    }
}
