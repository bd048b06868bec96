using Ensemble.Audio.Crops;
using Ensemble.Audio.Features;
using Xunit.Abstractions;
using Ensemble.Settings;

namespace Ensemble.Audio.Tests.Crops;

public sealed class CropSamplerTests(ITestOutputHelper output)
{
    private static readonly CropSampler Sampler = new();

    /// <summary>Frame t holds value t in every band, so a crop's first value is its start frame.</summary>
    private static LogMel Ramp(int frames, int bands = 128)
    {
        var values = new float[bands * frames];
        for (var m = 0; m < bands; m++)
            for (var t = 0; t < frames; t++)
                values[(m * frames) + t] = t;
        return new LogMel(values, bands, frames);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Every_crop_is_128_frames_wide_in_every_mode(int frames)
    {
        var logMel = Ramp(frames);
        var random = new SplitMixRandom(1);
        foreach (var mode in Enum.GetValues<CropMode>())
        {
            for (var i = 0; i < 20; i++)
            {
                var crop = Sampler.Extract(logMel, Sampler.Start(logMel, mode, random));
                Assert.Equal(128 * 128, crop.Length);
            }
        }
        Assert.Equal(20 * 128 * 128, Sampler.TtaCrops(logMel, "a.wav", 0, 20).Length);
    }

    [Fact]
    public void Extract_all_stacks_the_crops_at_the_given_starts()
    {
        var logMel = Ramp(300);
        int[] starts = [0, 172, 40];
        var all = Sampler.ExtractAll(logMel, starts);
        Assert.Equal(3 * 128 * 128, all.Length);
        for (var i = 0; i < starts.Length; i++)
            Assert.Equal(Sampler.Extract(logMel, starts[i]), all.AsSpan(i * 128 * 128, 128 * 128).ToArray());
    }

    [Fact]
    public void Short_clips_are_wrap_padded()
    {
        var crop = Sampler.Extract(Ramp(50), 0);
        for (var i = 0; i < 128; i++)
            Assert.Equal(i % 50, crop[(5 * 128) + i]);
        Assert.Equal(1, Sampler.WindowCount(50));
    }

    [Fact]
    public void Crop_copies_the_window_from_every_band()
    {
        var crop = Sampler.Extract(Ramp(300), 100);
        Assert.Equal(100, crop[0]);
        Assert.Equal(227, crop[127]);
        Assert.Equal(100, crop[127 * 128]);
    }

    [Fact]
    public void Fixed_crop_is_centred()
    {
        Assert.Equal(86, Sampler.FixedStart(300));
        Assert.Equal(0, Sampler.FixedStart(128));
        Assert.Equal(0, Sampler.FixedStart(10));
    }

    [Fact]
    public void Random_crop_covers_every_start_uniformly()
    {
        var counts = new int[Sampler.WindowCount(131)];
        var random = new SplitMixRandom(7);
        for (var i = 0; i < 4000; i++)
            counts[Sampler.RandomStart(131, random)]++;
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
    }

    [Fact]
    public void Strength_probabilities_are_sum_minus_min_over_bins_0_to_83()
    {
        // 130 frames -> 3 windows. Bands 0..83 carry 1 dB at frames 0, 128 and 2 dB at frame 129; band 84+ is loud but ignored.
        var frames = 130;
        var values = new float[128 * frames];
        for (var m = 0; m < 128; m++)
        {
            if (m >= 84)
            {
                values.AsSpan(m * frames, frames).Fill(1000);
                continue;
            }
            values[(m * frames) + 0] = 1;
            values[(m * frames) + 128] = 1;
            values[(m * frames) + 129] = 2;
        }
        var probabilities = Sampler.StartProbabilities(new LogMel(values, 128, frames));
        // Window sums (per band): s0 = 1, s1 = 1, s2 = 3 -> minus min: 0, 0, 2.
        Assert.Equal([0.0, 0.0, 1.0], probabilities);
    }

    [Fact]
    public void Strength_probabilities_are_proportional_to_excess_strength()
    {
        var frames = 131;
        var values = new float[128 * frames];
        for (var m = 0; m < 84; m++)
        {
            values[(m * frames) + 128] = 1; // windows 1..3 contain it
            values[(m * frames) + 130] = 2; // window 3 contains it
        }
        var probabilities = Sampler.StartProbabilities(new LogMel(values, 128, frames));
        Assert.Equal([0, 1 / 5.0, 1 / 5.0, 3 / 5.0], probabilities.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void Strength_is_uniform_when_every_window_is_equal()
    {
        var silence = new LogMel(Enumerable.Repeat(-100f, 128 * 200).ToArray(), 128, 200);
        var probabilities = Sampler.StartProbabilities(silence);
        Assert.All(probabilities, p => Assert.Equal(1.0 / 73, p));
    }

    [Fact]
    public void Strength_adaptive_lands_on_the_sound_far_more_often_than_random()
    {
        // 8 s clip: faint noise floor, a 1.5 s noise burst in the middle (silence on both sides).
        var rate = 44100;
        var samples = new float[8 * rate];
        var noise = new SplitMixRandom(3);
        int soundStart = (int)(3.25 * rate), soundEnd = (int)(4.75 * rate);
        for (var i = 0; i < samples.Length; i++)
        {
            var amplitude = i >= soundStart && i < soundEnd ? 0.3 : 1e-4;
            samples[i] = (float)(amplitude * ((2 * noise.NextDouble()) - 1));
        }
        var logMel = new LogMelExtractor().Compute(samples);
        int firstSoundFrame = soundStart / 694, lastSoundFrame = soundEnd / 694;

        double OnSoundRate(CropMode mode)
        {
            var random = new SplitMixRandom(11);
            var hits = 0;
            const int Draws = 3000;
            for (var i = 0; i < Draws; i++)
            {
                var start = Sampler.Start(logMel, mode, random);
                var overlap = Math.Min(start + 128, lastSoundFrame) - Math.Max(start, firstSoundFrame);
                if (overlap >= 64)
                    hits++;
            }
            return (double)hits / Draws;
        }

        var adaptive = OnSoundRate(CropMode.StrengthAdaptive);
        var uniform = OnSoundRate(CropMode.Random);
        output.WriteLine($"crops with >= 64 of their 128 frames on the sound: strength-adaptive {adaptive:P1}, random {uniform:P1}, ratio {adaptive / uniform:0.00}");
        Assert.True(adaptive / uniform >= 2.0, $"strength-adaptive {adaptive:P1} vs random {uniform:P1}");
    }

    [Fact]
    public void Tta_starts_are_deterministic_per_clip_and_seed()
    {
        var logMel = Ramp(1000);
        var first = Sampler.TtaStarts(logMel, "0a1b2c3d.wav", 42, 20);
        Assert.Equal(first, Sampler.TtaStarts(logMel, "0a1b2c3d.wav", 42, 20));
        Assert.NotEqual(first, Sampler.TtaStarts(logMel, "0a1b2c3d.wav", 43, 20));
        Assert.NotEqual(first, Sampler.TtaStarts(logMel, "ffffffff.wav", 42, 20));
        Assert.Equal(first[..5], Sampler.TtaStarts(logMel, "0a1b2c3d.wav", 42, 5));
    }

    [Fact]
    public void Distinct_tta_windows_group_the_draws_in_first_drawn_order()
    {
        var logMel = Ramp(300);
        var starts = Sampler.TtaStarts(logMel, "0a1b2c3d.wav", 42, 20);
        var windows = Sampler.DistinctTtaWindows(logMel, "0a1b2c3d.wav", 42, 20);
        Assert.Equal(starts.Distinct().ToArray(), windows.Select(w => w.Start).ToArray());
        Assert.All(windows, w => Assert.Equal(starts.Count(s => s == w.Start), w.Count));
        Assert.Equal(20, windows.Sum(w => w.Count));
    }

    [Fact]
    public void A_clip_shorter_than_a_crop_has_one_tta_window_drawn_every_time()
    {
        var windows = Sampler.DistinctTtaWindows(Ramp(40), "0a1b2c3d.wav", 42, 20);
        Assert.Equal([new TtaWindow(0, 20)], windows);
    }

    [Fact]
    public void Tta_starts_are_pinned_across_runtimes()
    {
        // SplitMix64 + FNV-1a: these values must never change, or cached predictions stop being reproducible.
        var randomMode = new CropSampler(new CropOptions(ttaMode: CropMode.Random));
        Assert.Equal(PinnedStarts, randomMode.TtaStarts(Ramp(1000), "0a1b2c3d.wav", 42, 5));
    }

    private static readonly int[] PinnedStarts = [636, 566, 611, 354, 6];

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var logMel = Ramp(300);
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Extract(logMel, 173));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Extract(logMel, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.TtaStarts(logMel, "x", 0, 0));
        Assert.Throws<ArgumentException>(() => new CropSampler(new CropOptions(strengthMelBands: 129)).StartProbabilities(logMel));
    }
}
