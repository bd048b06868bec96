using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Shifts;

/// <summary>
/// The shifted evaluation's conditions, made deterministically from one seed (each random condition draws its own seed
/// from a SplitMix64 stream of it). None of them is an augmentation training applies: the recipe's SoX chains are pitch
/// ±5 semitones, fade, Freeverb, treble/bass ±20..30 dB and one 2.4 kHz peak; here are other rooms (generated impulse
/// responses), pass-band colourings, level, additive noise, band-limited sources and speed changes. The optional
/// channel steps of training (random colouring, band limit, noise on dB crops) imitate the kind of the eq-, noise- and
/// band- conditions, so a recipe using them is also judged on the room-, level- and speed- rows alone. Do not tune to
/// one condition: report all of them and their mean.
/// </summary>
public static class ShiftSet
{
    public const int DefaultSampleRateHz = 44_100;

    public static IReadOnlyList<IShift> Create(int seed, int sampleRateHz = DefaultSampleRateHz)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRateHz);
        var seeds = new Crops.SplitMixRandom((ulong)(uint)seed ^ 0x5348494654UL);
        int Next() => seeds.Next();
        var q = RbjBiquad.ButterworthQ;
        return
        [
            new RoomShift("room-small", rt60Seconds: 0.3, preDelaySeconds: 0.003, directToReverberantDb: 6, sampleRateHz, Next()),
            new RoomShift("room-large", rt60Seconds: 1.2, preDelaySeconds: 0.02, directToReverberantDb: -3, sampleRateHz, Next()),
            new ColouringShift("eq-telephone", "telephone band: 4th-order high-pass 300 Hz and low-pass 3.4 kHz",
                rate => [RbjBiquad.HighPass(300, q, rate), RbjBiquad.HighPass(300, q, rate), RbjBiquad.LowPass(3400, q, rate), RbjBiquad.LowPass(3400, q, rate)]),
            new ColouringShift("eq-laptop-speaker", "bass-light laptop speaker: 4th-order high-pass 500 Hz, +6 dB peak at 3 kHz (Q 1)",
                rate => [RbjBiquad.HighPass(500, q, rate), RbjBiquad.HighPass(500, q, rate), SoxBiquadDesign.Design(SoxBiquadKind.PeakingEq, 6, 3000, 1, SoxWidthUnit.Q, rate)]),
            new ColouringShift("eq-bright-mic", "bright microphone: +10 dB high shelf at 5 kHz, 2nd-order high-pass 80 Hz",
                rate => [SoxBiquadDesign.Design(SoxBiquadKind.HighShelf, 10, 5000, q, SoxWidthUnit.Q, rate), RbjBiquad.HighPass(80, q, rate)]),
            LevelShift.Gain("level-minus20db", -20),
            LevelShift.PeakNormalize("level-peak-1dbfs", -1),
            new NoiseShift("noise-white-20db", NoiseColour.White, 20, Next()),
            new NoiseShift("noise-white-10db", NoiseColour.White, 10, Next()),
            new NoiseShift("noise-pink-10db", NoiseColour.Pink, 10, Next()),
            new NoiseShift("noise-pink-5db", NoiseColour.Pink, 5, Next()),
            new NoiseShift("noise-brown-5db", NoiseColour.Brown, 5, Next()),
            new BandLimitShift("band-8khz", 8_000),
            new BandLimitShift("band-16khz", 16_000),
            new SpeedShift("speed-0.96", 0.96),
            new SpeedShift("speed-1.04", 1.04),
        ];
    }
}
