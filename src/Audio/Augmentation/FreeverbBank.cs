namespace Ensemble.Audio.Augmentation;

// Written by hand: NWaves has plain comb filters but not freeverb's comb with a one-pole damping filter in the loop.
/// <summary>
/// One channel of SoX's freeverb-style reverb: 8 damped feedback combs in parallel, then 4 allpasses
/// (feedback 0.5) in series, with freeverb's delay lengths (at 44.1 kHz) scaled by rate and room size,
/// and the second stereo channel's delays spread by ±12 samples alternately.
/// </summary>
internal sealed class FreeverbBank
{
    private static readonly int[] CombLengths = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617];
    private static readonly int[] AllpassLengths = [225, 341, 441, 556];
    private const int StereoSpread = 12;
    private const float AllpassFeedback = 0.5f;

    private readonly DelayLine[] _combs;
    private readonly float[] _combStore;
    private readonly DelayLine[] _allpasses;

    public FreeverbBank(int sampleRateHz, double roomScale, double stereoOffset)
    {
        var rateRatio = sampleRateHz / 44100.0;
        var offset = stereoOffset;
        _combs = new DelayLine[CombLengths.Length];
        for (var i = 0; i < CombLengths.Length; i++, offset = -offset)
            _combs[i] = new DelayLine((int)(roomScale * rateRatio * (CombLengths[i] + StereoSpread * offset) + 0.5));
        _combStore = new float[CombLengths.Length];
        _allpasses = new DelayLine[AllpassLengths.Length];
        for (var i = 0; i < AllpassLengths.Length; i++, offset = -offset)
            _allpasses[i] = new DelayLine((int)(rateRatio * (AllpassLengths[i] + StereoSpread * offset) + 0.5));
    }

    public float Process(float input, float feedback, float damping, float gain)
    {
        float output = 0;
        for (var i = _combs.Length - 1; i >= 0; i--)
        {
            var delayed = _combs[i].Read();
            _combStore[i] = delayed + (_combStore[i] - delayed) * damping;
            _combs[i].Write(input + _combStore[i] * feedback);
            output += delayed;
        }
        for (var i = _allpasses.Length - 1; i >= 0; i--)
        {
            var delayed = _allpasses[i].Read();
            _allpasses[i].Write(output + delayed * AllpassFeedback);
            output = delayed - output;
        }
        return output * gain;
    }

    /// <summary>A circular delay of at least one sample: Read returns the sample written <c>Length</c> writes ago.</summary>
    private sealed class DelayLine(int length)
    {
        private readonly float[] _buffer = new float[Math.Max(length, 1)];
        private int _position;

        public float Read() => _buffer[_position];

        public void Write(float value)
        {
            _buffer[_position] = value;
            _position = _position + 1 == _buffer.Length ? 0 : _position + 1;
        }
    }
}
