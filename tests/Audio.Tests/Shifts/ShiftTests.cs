using Ensemble.Audio.Shifts;
using Ensemble.Audio.Tests.Signals;

namespace Ensemble.Audio.Tests.Shifts;

public sealed class ShiftTests
{
    private const int Rate = 44_100;

    private static AudioClip Clip(params (double Hz, double Amplitude)[] tones)
    {
        var samples = new float[Rate];
        foreach (var (hz, amplitude) in tones)
        {
            var tone = Tones.SineF(hz, Rate, Rate, amplitude);
            for (var i = 0; i < samples.Length; i++)
                samples[i] += tone[i];
        }
        return new AudioClip(samples, Rate, "synthetic");
    }

    /// <summary>Amplitude of the <paramref name="hz"/> component (one DFT bin over the whole signal).</summary>
    private static double Amplitude(float[] samples, double hz)
    {
        double re = 0, im = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var phase = 2 * Math.PI * hz * i / Rate;
            re += samples[i] * Math.Cos(phase);
            im += samples[i] * Math.Sin(phase);
        }
        return 2 * Math.Sqrt(re * re + im * im) / samples.Length;
    }

    private static double MeanSquare(ReadOnlySpan<float> s) => Tones.Rms(s) * Tones.Rms(s);

    [Theory]
    [InlineData(NoiseColour.White, 20)]
    [InlineData(NoiseColour.Pink, 10)]
    [InlineData(NoiseColour.Brown, 5)]
    public void NoiseIsAddedAtTheRequestedSnr(NoiseColour colour, double snrDb)
    {
        var clip = Clip((440, 0.2), (3000, 0.1));
        var output = new NoiseShift("n", colour, snrDb, seed: 3).Apply(clip, "a.wav");
        var noise = output.Select((v, i) => v - clip.Samples[i]).ToArray();
        var achieved = 10 * Math.Log10(MeanSquare(clip.Samples) / MeanSquare(noise));
        Assert.InRange(achieved, snrDb - 0.05, snrDb + 0.05);
    }

    [Fact]
    public void NoiseColoursHaveTheirSpectralTilt()
    {
        var silentish = new AudioClip(Tones.SineF(1000, Rate, Rate, 0.1), Rate, "tone");
        double LowToHigh(NoiseColour colour)
        {
            var noise = new NoiseShift("n", colour, 0, seed: 1).Apply(silentish, "x").Select((v, i) => v - silentish.Samples[i]).ToArray();
            // Mean power of a few bins around 200 Hz against a few around 8 kHz.
            double Band(double centre) => Enumerable.Range(-5, 11).Average(k => Math.Pow(Amplitude(noise, centre + 7 * k), 2));
            return 10 * Math.Log10(Band(200) / Band(8000));
        }
        // 200 Hz to 8 kHz is 5.3 octaves: white ~0 dB, pink ~+16 dB, brown ~+32 dB (single bins are noisy: wide bands).
        Assert.InRange(LowToHigh(NoiseColour.White), -6, 6);
        Assert.InRange(LowToHigh(NoiseColour.Pink), 10, 22);
        Assert.InRange(LowToHigh(NoiseColour.Brown), 25, 40);
    }

    [Fact]
    public void SilentClipsStaySilentUnderNoise() =>
        Assert.All(new NoiseShift("n", NoiseColour.White, 10, 1).Apply(new AudioClip(new float[100], Rate, "s"), "s"), v => Assert.Equal(0f, v));

    [Fact]
    public void BandLimitRemovesEnergyAboveTheSourceNyquistAndKeepsTheRest()
    {
        var clip = Clip((1000, 0.3), (6000, 0.3), (10000, 0.3));
        var eight = new BandLimitShift("b8", 8000).Apply(clip, "c");
        var sixteen = new BandLimitShift("b16", 16000).Apply(clip, "c");
        Assert.Equal(clip.Samples.Length, eight.Length);
        Assert.InRange(Amplitude(eight, 1000), 0.297, 0.303);
        Assert.True(Amplitude(eight, 6000) < 3e-4, $"6 kHz left at {Amplitude(eight, 6000)}");
        Assert.True(Amplitude(eight, 10000) < 3e-4);
        Assert.InRange(Amplitude(sixteen, 6000), 0.297, 0.303);
        Assert.True(Amplitude(sixteen, 10000) < 3e-4, $"10 kHz left at {Amplitude(sixteen, 10000)}");
    }

    [Fact]
    public void LevelShiftsScaleByTheGainOrToThePeak()
    {
        var clip = Clip((500, 0.25));
        var quiet = LevelShift.Gain("q", -20).Apply(clip, "c");
        Assert.Equal(0.1, Tones.Rms(quiet) / Tones.Rms(clip.Samples), 4);
        var loud = LevelShift.PeakNormalize("p", -1).Apply(clip, "c");
        Assert.Equal(Math.Pow(10, -1 / 20.0), loud.Max(Math.Abs), 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => LevelShift.PeakNormalize("p", 3));
    }

    [Fact]
    public void RoomKeepsLengthAndLevelAndItsResponseDecaysAtRt60()
    {
        var room = new RoomShift("r", rt60Seconds: 0.5, preDelaySeconds: 0.01, directToReverberantDb: 0, Rate, seed: 5);
        var response = room.Response;
        Assert.Equal(1f, response[0]);
        // Reverberant energy equals the direct path's at 0 dB DRR.
        Assert.Equal(1.0, response.Skip(1).Sum(v => (double)v * v), 6);
        // Energy (10 ms windows) at RT60/2 is ~30 dB below the start of the tail.
        double Window(double seconds) => response.Skip(441 + (int)(seconds * Rate)).Take(441).Sum(v => (double)v * v);
        Assert.InRange(10 * Math.Log10(Window(0.25) / Window(0)), -34, -26);
        var clip = Clip((700, 0.2));
        var output = room.Apply(clip, "c");
        Assert.Equal(clip.Samples.Length, output.Length);
        Assert.Equal(Tones.Rms(clip.Samples), Tones.Rms(output), 4);
        Assert.Throws<ArgumentException>(() => room.Apply(new AudioClip(clip.Samples, 16000, "other"), "c"));
    }

    [Fact]
    public void TelephoneColouringPassesTheVoiceBandOnly()
    {
        var telephone = (ColouringShift)ShiftSet.Create(1).Single(s => s.Name == "eq-telephone");
        double GainDb(double hz) => telephone.Sections(Rate).Sum(c => c.GainDbAt(hz, Rate));
        Assert.InRange(GainDb(1000), -0.5, 0.5);
        Assert.True(GainDb(80) < -40);
        Assert.True(GainDb(12000) < -30);
        var clip = Clip((1000, 0.2), (12000, 0.2));
        var output = telephone.Apply(clip, "c");
        Assert.True(Amplitude(output, 12000) < 0.01 * Amplitude(output, 1000));
    }

    [Fact]
    public void SpeedChangeShiftsPitchAndLength()
    {
        var clip = Clip((1000, 0.3));
        var faster = new SpeedShift("s", 1.04).Apply(clip, "c");
        Assert.InRange(faster.Length, (int)(Rate / 1.04) - 2, (int)(Rate / 1.04) + 2);
        Assert.InRange(Amplitude(faster, 1040), 0.25, 0.31);
        Assert.True(Amplitude(faster, 1000) < 0.05);
    }

    [Fact]
    public void TheSetIsSixteenNamedConditionsAndDeterministicInItsSeed()
    {
        var clip = Clip((300, 0.2), (2500, 0.1));
        var a = ShiftSet.Create(7);
        var b = ShiftSet.Create(7);
        var c = ShiftSet.Create(8);
        Assert.Equal(16, a.Count);
        Assert.Equal(a.Count, a.Select(s => s.Name).Distinct().Count());
        Assert.All(a, s => Assert.Matches("^[a-z0-9.-]+$", s.Name));
        for (var i = 0; i < a.Count; i++)
            Assert.Equal(a[i].Apply(clip, "x.wav"), b[i].Apply(clip, "x.wav"));
        var random = a.Select((s, i) => (s, i)).Where(p => p.s is RoomShift or NoiseShift).ToArray();
        Assert.Equal(7, random.Length);
        Assert.All(random, p => Assert.NotEqual(p.s.Apply(clip, "x.wav"), c[p.i].Apply(clip, "x.wav")));
        // Noise differs from clip to clip, rooms do not (every clip is heard in the same room).
        Assert.All(random.Where(p => p.s is NoiseShift), p => Assert.NotEqual(p.s.Apply(clip, "x.wav"), p.s.Apply(clip, "y.wav")));
        Assert.All(a, s => Assert.All(s.Apply(clip, "x.wav"), v => Assert.InRange(v, -1f, 1f)));
    }
}
