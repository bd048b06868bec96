using Ensemble.FrontDoor.Http;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Ensemble.FrontDoor.Grpc;

/// <summary>
/// Turns a failed call into its gRPC status (<see cref="ErrorStatus.GrpcOf"/>, the HTTP API's classification) with
/// the exception's message as the detail; server faults are logged, the caller's are not.
/// </summary>
internal sealed partial class GrpcErrorInterceptor(ILogger<GrpcErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            var code = ErrorStatus.GrpcOf(e);
            if (code is StatusCode.Internal or StatusCode.Unavailable)
                LogFailed(logger, context.Method, code, e);
            throw new RpcException(new Status(code, e.Message, e));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} answered {Status}")]
    private static partial void LogFailed(ILogger logger, string method, StatusCode status, Exception error);
}
