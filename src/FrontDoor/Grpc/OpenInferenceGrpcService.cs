using Ensemble.FrontDoor.Grpc.Protocol;
using Ensemble.FrontDoor.OpenInference;
using Grpc.Core;

namespace Ensemble.FrontDoor.Grpc;

/// <summary>
/// The Open Inference Protocol's gRPC API (<c>inference.GRPCInferenceService</c>): health, server and model metadata,
/// inference, with the HTTP API's semantics (one model, input <c>audio</c>, outputs <c>scores</c> and <c>labels</c>).
/// Errors become the call's status through <see cref="GrpcErrorInterceptor"/>.
/// </summary>
public sealed class OpenInferenceGrpcService(InferenceService service, TimeProvider time) : GRPCInferenceService.GRPCInferenceServiceBase
{
    public override Task<ServerLiveResponse> ServerLive(ServerLiveRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerLiveResponse { Live = true });

    public override async Task<ServerReadyResponse> ServerReady(ServerReadyRequest request, ServerCallContext context) =>
        new() { Ready = (await service.Readiness.CheckAsync()).IsReady };

    public override async Task<ModelReadyResponse> ModelReady(ModelReadyRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new() { Ready = (await service.ModelReadyAsync(request.Name, Version(request.Version))).IsReady };
    }

    /// <summary>No extensions: binary tensor data is HTTP's; gRPC carries raw contents in the protocol itself.</summary>
    public override Task<ServerMetadataResponse> ServerMetadata(ServerMetadataRequest request, ServerCallContext context) =>
        Task.FromResult(new ServerMetadataResponse { Name = InferenceModel.Name, Version = InferenceService.ServerVersion });

    public override async Task<ModelMetadataResponse> ModelMetadata(ModelMetadataRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var manifest = await service.ModelAsync(request.Name, Version(request.Version));
        var response = new ModelMetadataResponse { Name = InferenceModel.Name, Platform = InferenceModel.Platform };
        response.Versions.Add(manifest.Version);
        response.Inputs.Add(Metadata(InferenceModel.Input));
        response.Outputs.Add(InferenceModel.Outputs.Select(name => Metadata(InferenceModel.Output(name, manifest.Labels.Length))));
        return response;
    }

    public override async Task<ModelInferResponse> ModelInfer(ModelInferRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        InferenceService.CheckName(request.ModelName);
        var call = GrpcInferenceRequestReader.Read(request, GrpcInferenceRequestReader.RemainingMs(context.Deadline, time.GetUtcNow().UtcDateTime));
        var result = await service.InferAsync(request.ModelName, Version(request.ModelVersion), call);
        return GrpcInferenceResponseWriter.Write(result, call);
    }

    /// <summary>proto3 strings are never null: empty means "the server picks", as null does for HTTP.</summary>
    private static string? Version(string version) => string.IsNullOrEmpty(version) ? null : version;

    private static ModelMetadataResponse.Types.TensorMetadata Metadata(TensorSpec tensor)
    {
        var metadata = new ModelMetadataResponse.Types.TensorMetadata { Name = tensor.Name, Datatype = tensor.Datatype };
        metadata.Shape.Add(tensor.Shape);
        return metadata;
    }
}
