using System.Net;
using System.Text.RegularExpressions;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>The silo's Prometheus endpoint on its metrics port: after an inference the serving series are there, per model and device.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class PrometheusMetricsTests(HttpSilo silo)
{
    [Fact]
    public async Task After_one_inference_metrics_has_the_named_series_with_model_and_device_labels()
    {
        using var content = new StringContent(OpenInferenceHttpTests.JsonRequest(silo.Run.Clips()[0]), System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.PostAsync("/v2/models/ensemble/infer", content)).StatusCode);

        using var metrics = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.MetricsPort}") };
        var response = await metrics.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Matches(Series("ensemble_clip_requests_total", "ensemble_outcome=\"success\""), text);
        Assert.Matches(Series("ensemble_clip_latency_milliseconds_count"), text);
        foreach (var model in silo.Run.Manifest.Models)
        {
            var labels = new[] { "ensemble_device=\"cpu\"", $"ensemble_model_id=\"{model.Id}\"" };
            foreach (var name in new[] { "ensemble_model_queue_time_milliseconds_count", "ensemble_model_compute_time_milliseconds_count",
                         "ensemble_model_latency_milliseconds_count", "ensemble_model_batch_crops_count", "ensemble_model_queue_depth" })
                Assert.Matches(Series(name, labels), text);
        }
        // The inference port does not serve the metrics, nor the metrics port the inference API.
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await metrics.GetAsync("/v2/health/live")).StatusCode);
    }

    /// <summary>A sample line of <paramref name="name"/> whose label set holds every one of <paramref name="labels"/>, and a positive count where it is one.</summary>
    private static Regex Series(string name, params string[] labels)
    {
        var lookaheads = string.Concat(labels.Select(l => $"(?=[^}}]*{Regex.Escape(l)})"));
        var value = name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_total", StringComparison.Ordinal) ? "[1-9][0-9]*" : "-?[0-9.e+]+";
        return new Regex($"(?m)^{Regex.Escape(name)}\\{{{lookaheads}[^}}]*\\}} {value}( [0-9]+)?$");
    }
}
