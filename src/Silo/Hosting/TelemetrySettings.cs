namespace Ensemble.Silo.Hosting;

/// <summary>
/// Which exporters get the serving traces and metrics: any of "console", "otlp", "zipkin" (comma-separated), or
/// "none". OTLP and Zipkin endpoints come from the standard OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_ZIPKIN_ENDPOINT
/// variables (defaults: localhost:4317, localhost:9411).
/// </summary>
public sealed record TelemetrySettings
{
    public const string Console = "console";
    public const string Otlp = "otlp";
    public const string Zipkin = "zipkin";
    public const string NoExporter = "none";

    public static TelemetrySettings None { get; } = new(new HashSet<string>(StringComparer.Ordinal));

    private TelemetrySettings(IReadOnlySet<string> exporters) => Exporters = exporters;

    public IReadOnlySet<string> Exporters { get; }

    public bool Enabled => Exporters.Count > 0;

    public static TelemetrySettings Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() == NoExporter)
            return None;
        var exporters = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = exporters.Except([Console, Otlp, Zipkin]).ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException($"--telemetry '{value}': unknown exporter(s) {string.Join(", ", unknown)} (use console, otlp, zipkin or none)", nameof(value));
        return new TelemetrySettings(exporters);
    }

    public override string ToString() => Enabled ? string.Join(',', Exporters.Order()) : NoExporter;
}
