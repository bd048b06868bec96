using Ensemble.Silo.Hosting;

namespace Ensemble.Silo.Tests.Hosting;

public sealed class TelemetrySettingsTests
{
    [Fact]
    public void Exporters_parse_and_none_disables()
    {
        Assert.False(TelemetrySettings.Parse("none").Enabled);
        Assert.False(TelemetrySettings.Parse(null).Enabled);
        var both = TelemetrySettings.Parse("zipkin, console");
        Assert.Equal("console,zipkin", both.ToString());
        Assert.Contains(TelemetrySettings.Otlp, TelemetrySettings.Parse("otlp").Exporters);
    }

    [Fact]
    public void Unknown_exporters_are_named() =>
        Assert.Contains("jaeger", Assert.Throws<ArgumentException>(() => TelemetrySettings.Parse("console,jaeger")).Message);
}
