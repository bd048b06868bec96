
namespace Ensemble.Settings.Tests;

public sealed class CropOptionsTests
{
    [Fact]
    public void Defaults_are_the_recipe()
    {
        var options = CropOptions.Default;
        Assert.Equal(128, options.CropWidthFrames);
        Assert.Equal(84, options.StrengthMelBands);
        Assert.Equal(CropMode.StrengthAdaptive, options.TrainingMode);
        Assert.Equal(CropMode.StrengthAdaptive, options.TtaMode);
    }

    [Theory]
    [InlineData(0, 84, "CropWidthFrames")]
    [InlineData(128, 0, "StrengthMelBands")]
    public void Invalid_fields_are_named(int width, int bands, string field) =>
        Assert.Equal(field, Assert.Throws<ArgumentException>(() => new CropOptions(width, bands)).ParamName);

    [Fact]
    public void Unknown_modes_are_refused()
    {
        Assert.Equal("TrainingMode", Assert.Throws<ArgumentException>(() => new CropOptions(trainingMode: (CropMode)9)).ParamName);
        Assert.Equal("TtaMode", Assert.Throws<ArgumentException>(() => new CropOptions(ttaMode: (CropMode)9)).ParamName);
    }
}
