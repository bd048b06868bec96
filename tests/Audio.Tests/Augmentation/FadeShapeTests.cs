using Ensemble.Audio.Augmentation;

namespace Ensemble.Audio.Tests.Augmentation;

public class FadeShapeTests
{
    [Theory]
    [InlineData('q', FadeShape.QuarterSine, 0.70710678)]
    [InlineData('h', FadeShape.HalfSine, 0.5)]
    [InlineData('t', FadeShape.Linear, 0.5)]
    [InlineData('l', FadeShape.Logarithmic, 0.00316228)] // -50 dB halfway through a 100 dB fade
    [InlineData('p', FadeShape.InvertedParabola, 0.75)]
    public void Each_letter_has_sox_curve_at_half_way(char letter, FadeShape expected, double gain)
    {
        Assert.True(FadeShapes.TryParse(letter, out var shape));
        Assert.Equal(expected, shape);
        Assert.Equal(letter, FadeShapes.Letter(shape));
        Assert.Equal(gain, FadeShapes.Gain(shape, 50, 100), 6);
        Assert.Equal(1, FadeShapes.Gain(shape, 100, 100), 12);
    }

    [Fact]
    public void Unknown_letters_are_not_shapes() => Assert.False(FadeShapes.TryParse('x', out _));
}
