using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ensemble.FrontDoor.OpenInference;

namespace Ensemble.Cli.Load;

/// <summary>
/// Load through a silo's Open Inference Protocol front door: POST /v2/models/ensemble/infer with the clip as a base64
/// BYTES input (the request body is built once per clip), timings read from the response parameters. With
/// <paramref name="tls"/> an https:// front door's certificate may chain to its authority, and this process's
/// certificate is offered as the client certificate.
/// </summary>
internal sealed class HttpLoadTarget(Uri baseUrl, int? deadlineMs, TlsSettings? tls = null) : ILoadTarget
{
    private const string InferPath = "v2/models/ensemble/infer";
    /// <summary>Longer than any deadline a server applies; a request past it is a failure, never a hang.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(2);

    private readonly HttpClient _http = new(Handler(tls)) { BaseAddress = baseUrl, Timeout = RequestTimeout };
    private readonly ConcurrentDictionary<string, byte[]> _bodies = new(StringComparer.Ordinal);

    public string Description => $"front door {baseUrl}";

    public async Task<LoadAnswer> SendAsync(LoadClip clip, Action onAttempt, CancellationToken cancellationToken)
    {
        onAttempt(); // one attempt: the HTTP path has no retries
        using var content = new ByteArrayContent(_bodies.GetOrAdd(clip.Name, _ => Body(clip)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(InferPath, content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new LoadHttpException(response.StatusCode, Encoding.UTF8.GetString(body));
        return Answer(body);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static SocketsHttpHandler Handler(TlsSettings? tls)
    {
        var handler = new SocketsHttpHandler();
        if (tls is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => tls.AcceptsServer(certificate, errors);
            handler.SslOptions.ClientCertificates = [tls.Certificate];
        }
        return handler;
    }

    private byte[] Body(LoadClip clip)
    {
        var parameters = new Dictionary<string, object> { [InferenceModel.ContentTypeParameter] = InferenceModel.Base64ContentType };
        var request = new Dictionary<string, object>
        {
            ["id"] = clip.Name,
            ["inputs"] = new[] { new Dictionary<string, object> { ["name"] = InferenceModel.AudioInput, ["shape"] = new[] { 1 }, ["datatype"] = InferenceModel.Bytes, ["parameters"] = parameters, ["data"] = new[] { Convert.ToBase64String(clip.WavBytes) } } },
        };
        if (deadlineMs is { } ms)
            request["parameters"] = new Dictionary<string, object> { [InferenceModel.TimeoutParameter] = ms * 1000L }; // Triton's timeout is in µs
        return JsonSerializer.SerializeToUtf8Bytes(request);
    }

    /// <summary>Partial flag and the slowest model's queue and compute time from the response's flat parameters
    /// (`partial`, `model.ID.queue_ms`, `model.ID.compute_ms`, `model.ID.round_trip_ms`).</summary>
    internal static LoadAnswer Answer(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        if (!document.RootElement.TryGetProperty("parameters", out var parameters))
            return new LoadAnswer(false, 0, 0);
        var partial = parameters.TryGetProperty(InferenceModel.PartialParameter, out var p) && p.ValueKind == JsonValueKind.True;
        var models = new Dictionary<string, (double Queue, double Compute, double RoundTrip)>(StringComparer.Ordinal);
        foreach (var property in parameters.EnumerateObject())
        {
            if (!InferenceModel.TryParseModelParameter(property.Name, out var id, out var figure) || property.Value.ValueKind != JsonValueKind.Number)
                continue;
            var value = property.Value.GetDouble();
            var m = models.GetValueOrDefault(id);
            models[id] = figure switch
            {
                InferenceModel.QueueMsFigure => m with { Queue = value },
                InferenceModel.ComputeMsFigure => m with { Compute = value },
                InferenceModel.RoundTripMsFigure => m with { RoundTrip = value },
                _ => m,
            };
        }
        if (models.Count == 0)
            return new LoadAnswer(partial, 0, 0);
        var slowest = models.Values.MaxBy(m => m.RoundTrip);
        return new LoadAnswer(partial, slowest.Queue, slowest.Compute);
    }
}
