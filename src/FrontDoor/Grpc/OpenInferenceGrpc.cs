using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ensemble.FrontDoor.Grpc;

/// <summary>The gRPC API's registrations and endpoints: <c>inference.GRPCInferenceService</c> and server reflection
/// (so grpcurl and other tools need no .proto file).</summary>
public static class OpenInferenceGrpc
{
    /// <summary>gRPC with the error interceptor, reflection, and the front door's services.</summary>
    public static IServiceCollection AddOpenInferenceGrpc(this IServiceCollection services)
    {
        services.AddEnsembleFrontDoor();
        services.TryAddSingleton(TimeProvider.System);
        services.AddGrpc(options => options.Interceptors.Add<GrpcErrorInterceptor>());
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>Maps the service and reflection in one group; the caller restricts the group to its port.</summary>
    public static RouteGroupBuilder MapOpenInferenceGrpc(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var grpc = routes.MapGroup("");
        grpc.MapGrpcService<OpenInferenceGrpcService>();
        grpc.MapGrpcReflectionService();
        return grpc;
    }
}
