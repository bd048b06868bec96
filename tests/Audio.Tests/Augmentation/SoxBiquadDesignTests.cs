using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class SoxBiquadDesignTests
{
    // Coefficients printed by SoX 14.4.2: `sox --plot data -r 44100 -n -n <effect>`.
    [Theory]
    [InlineData(SoxBiquadKind.LowShelf, 20, 100, 0.5, SoxWidthUnit.Slope,
        1.0202294404434482, -1.9810713375669826, 0.96147786777411182, -1.9813575243597421, 0.98142112142479976)]
    [InlineData(SoxBiquadKind.HighShelf, -30, 3000, 0.5, SoxWidthUnit.Slope,
        0.067607216879428556, -0.036783096113171272, -0.0043180446313094102, -1.5690284551389440, 0.59553453127389189)]
    [InlineData(SoxBiquadKind.PeakingEq, 8, 2400, 3, SoxWidthUnit.Q,
        1.0514960288929474, -1.8200327983103795, 0.88038241406453077, -1.8200327983103795, 0.93187844295747813)]
    public void Matches_the_coefficients_sox_prints(SoxBiquadKind kind, double gainDb, double frequencyHz, double width, SoxWidthUnit unit,
        double b0, double b1, double b2, double a1, double a2)
    {
        var c = SoxBiquadDesign.Design(kind, gainDb, frequencyHz, width, unit, 44100);

        Assert.Equal(b0, c.B0, 12);
        Assert.Equal(b1, c.B1, 12);
        Assert.Equal(b2, c.B2, 12);
        Assert.Equal(a1, c.A1, 12);
        Assert.Equal(a2, c.A2, 12);
    }

    [Fact]
    public void Shelves_reach_their_gain_at_the_far_end_and_half_of_it_at_the_corner()
    {
        var bass = SoxBiquadDesign.Design(SoxBiquadKind.LowShelf, 20, 100, 0.5, SoxWidthUnit.Slope, 44100);
        var treble = SoxBiquadDesign.Design(SoxBiquadKind.HighShelf, 20, 3000, 0.5, SoxWidthUnit.Slope, 44100);

        Assert.Equal(20, bass.GainDbAt(1, 44100), 1);
        Assert.Equal(10, bass.GainDbAt(100, 44100), 1);
        Assert.Equal(0, bass.GainDbAt(10000, 44100), 1);
        Assert.Equal(20, treble.GainDbAt(22049, 44100), 1);
        Assert.Equal(10, treble.GainDbAt(3000, 44100), 1);
    }

    [Fact]
    public void Refuses_a_frequency_above_nyquist() =>
        Assert.Throws<ArgumentException>(() => SoxBiquadDesign.Design(SoxBiquadKind.PeakingEq, 8, 30000, 1, SoxWidthUnit.Q, 44100));
}
