using Ensemble.FrontDoor.Http.Json;
using Ensemble.FrontDoor.OpenInference;
using Ensemble.Grains.Abstractions.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ensemble.FrontDoor.Http;

/// <summary>
/// The Open Inference Protocol's HTTP/REST API (KServe v2, Triton): health, server and model metadata, inference, with
/// Triton's binary tensor data extension. Errors answer with the protocol's {"error": "..."} body and a status from
/// <see cref="ErrorStatus"/>.
/// </summary>
public static partial class OpenInferenceHttp
{
    public const string JsonContentType = "application/json";
    public const string BinaryContentType = "application/octet-stream";

    /// <summary>The spec's health endpoints: what load balancers and Kubernetes probes ask (deploy/).</summary>
    public const string LiveRoute = "/v2/health/live";
    public const string ReadyRoute = "/v2/health/ready";
    private const string V2Prefix = "/v2";

    /// <summary>Maps /v2/... on <paramref name="routes"/>; the caller restricts the group to its port.</summary>
    public static RouteGroupBuilder MapOpenInferenceHttp(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var v2 = routes.MapGroup(V2Prefix);
        v2.AddEndpointFilter(AnswerErrorsAsync);
        v2.MapGet("", () => Results.Json(new ServerMetadataBody(InferenceModel.Name, InferenceService.ServerVersion, [InferenceModel.BinaryDataExtension]), OipJson.Options));
        v2.MapGet(LiveRoute[V2Prefix.Length..], () => Results.Ok());
        v2.MapGet(ReadyRoute[V2Prefix.Length..], async (InferenceService service) => await ReadyAsync(service));
        v2.MapGet("/models/{model}", (string model, InferenceService service) => MetadataAsync(service, model, null));
        v2.MapGet("/models/{model}/versions/{version}", (string model, string version, InferenceService service) => MetadataAsync(service, model, version));
        v2.MapGet("/models/{model}/ready", (string model, InferenceService service) => ModelReadyAsync(service, model, null));
        v2.MapGet("/models/{model}/versions/{version}/ready", (string model, string version, InferenceService service) => ModelReadyAsync(service, model, version));
        v2.MapPost("/models/{model}/infer", (string model, HttpContext context, InferenceService service) => InferAsync(service, context, model, null));
        v2.MapPost("/models/{model}/versions/{version}/infer", (string model, string version, HttpContext context, InferenceService service) => InferAsync(service, context, model, version));
        return v2;
    }

    private static async Task<IResult> ReadyAsync(InferenceService service) => Ready(await service.Readiness.CheckAsync());

    private static async Task<IResult> ModelReadyAsync(InferenceService service, string model, string? version) =>
        Ready(await service.ModelReadyAsync(model, version));

    /// <summary>200, or the spec's 4xx for not ready, with the empty body the spec asks for.</summary>
    private static IResult Ready(SiloReadinessReport report) =>
        report.IsReady ? Results.Ok() : Results.StatusCode(StatusCodes.Status400BadRequest);

    private static async Task<IResult> MetadataAsync(InferenceService service, string model, string? version)
    {
        var manifest = await service.ModelAsync(model, version);
        return Results.Json(new ModelMetadataBody(InferenceModel.Name, [manifest.Version], InferenceModel.Platform,
            [Body(InferenceModel.Input)],
            InferenceModel.Outputs.Select(name => Body(InferenceModel.Output(name, manifest.Labels.Length))).ToArray()), OipJson.Options);
    }

    private static MetadataTensorBody Body(TensorSpec tensor) => new(tensor.Name, tensor.Datatype, tensor.Shape);

    private static async Task<IResult> InferAsync(InferenceService service, HttpContext context, string model, string? version)
    {
        InferenceService.CheckName(model);
        long? headerLength = null;
        if (context.Request.Headers.TryGetValue(InferenceModel.HeaderLengthHeader, out var header))
            headerLength = long.TryParse(header.ToString(), out var length) ? length
                : throw new InferenceRequestException($"{InferenceModel.HeaderLengthHeader} '{header}' is not a length");
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var call = HttpInferenceRequestReader.Read(body.GetBuffer().AsSpan(0, (int)body.Length), headerLength);
        var result = await service.InferAsync(model, version, call);
        var (bytes, jsonLength) = HttpInferenceResponseWriter.Write(result, call);
        if (jsonLength is { } n)
            context.Response.Headers[InferenceModel.HeaderLengthHeader] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Bytes(bytes, jsonLength is null ? JsonContentType : BinaryContentType);
    }

    private static async ValueTask<object?> AnswerErrorsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
#pragma warning disable CA1031 // Every failure must reach the caller as the protocol's error object; server faults are logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var status = ErrorStatus.Of(e);
            if (status >= StatusCodes.Status500InternalServerError)
            {
                var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OpenInferenceHttp));
                LogFailed(logger, context.HttpContext.Request.Path, status, e);
            }
            return Results.Json(new ErrorBody(e.Message), OipJson.Options, statusCode: status);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered {Status}")]
    private static partial void LogFailed(ILogger logger, string path, int status, Exception error);
}
