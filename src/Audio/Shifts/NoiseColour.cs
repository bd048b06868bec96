namespace Ensemble.Audio.Shifts;

/// <summary>Background noise spectra: flat, -3 dB per octave, -6 dB per octave.</summary>
public enum NoiseColour
{
    White,
    Pink,
    Brown,
}
