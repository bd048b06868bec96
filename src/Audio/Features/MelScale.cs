using Ensemble.Settings;

namespace Ensemble.Audio.Features;

internal static class MelConversions
{
    private const double SlaneyHzPerMel = 200.0 / 3;
    private const double SlaneyMinLogHz = 1000;
    private const double SlaneyMinLogMel = SlaneyMinLogHz / SlaneyHzPerMel;
    private static readonly double SlaneyLogStep = Math.Log(6.4) / 27;

    public static double HzToMel(double hz, MelScale scale) => scale switch
    {
        MelScale.Htk => 2595 * Math.Log10(1 + (hz / 700)),
        _ => hz >= SlaneyMinLogHz ? SlaneyMinLogMel + (Math.Log(hz / SlaneyMinLogHz) / SlaneyLogStep) : hz / SlaneyHzPerMel,
    };

    public static double MelToHz(double mel, MelScale scale) => scale switch
    {
        MelScale.Htk => 700 * (Math.Pow(10, mel / 2595) - 1),
        _ => mel >= SlaneyMinLogMel ? SlaneyMinLogHz * Math.Exp(SlaneyLogStep * (mel - SlaneyMinLogMel)) : mel * SlaneyHzPerMel,
    };
}
