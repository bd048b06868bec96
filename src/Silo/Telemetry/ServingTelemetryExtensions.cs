using Ensemble.Grains.Abstractions.Telemetry;
using Ensemble.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ensemble.Silo.Telemetry;

public static class ServingTelemetryExtensions
{
    /// <summary>Orleans' application spans carry the trace between client, clip grain and model grains.</summary>
    public const string OrleansApplicationSource = "Microsoft.Orleans.Application";
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The runtime's own meter (.NET 9+): GC heap sizes, collections, allocation, working set, thread pool.</summary>
    public const string RuntimeMeter = "System.Runtime";

    /// <summary>
    /// Traces and metrics of the serving path and of training jobs to the configured exporters, and with <paramref name="prometheus"/> the
    /// metrics to the Prometheus exporter too (the host maps its scrape endpoint); nothing when neither is asked for.
    /// </summary>
    public static IServiceCollection AddEnsembleTelemetry(this IServiceCollection services, TelemetrySettings settings, string serviceName, bool prometheus = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Enabled && !prometheus)
            return services;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));
        if (settings.Enabled)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(ServingTelemetry.SourceName, TrainingTelemetry.SourceName, OrleansApplicationSource);
                if (settings.Exporters.Contains(TelemetrySettings.Console))
                    tracing.AddConsoleExporter();
                if (settings.Exporters.Contains(TelemetrySettings.Otlp))
                    tracing.AddOtlpExporter();
#pragma warning disable CS0618 // Zipkin is deprecated upstream in favour of OTLP, but the issue asks for it as an option.
                if (settings.Exporters.Contains(TelemetrySettings.Zipkin))
                    tracing.AddZipkinExporter();
#pragma warning restore CS0618
            });
        }
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(ServingTelemetry.MeterName, TrainingTelemetry.MeterName, OrleansMeter, RuntimeMeter);
            if (settings.Exporters.Contains(TelemetrySettings.Console))
                metrics.AddConsoleExporter();
            if (settings.Exporters.Contains(TelemetrySettings.Otlp))
                metrics.AddOtlpExporter();
            if (prometheus)
                metrics.AddPrometheusExporter();
        });
        return services;
    }
}
