using Ensemble.Audio;
using Ensemble.Client;
using Ensemble.FrontDoor.OpenInference;
using Ensemble.Grains.Abstractions.Models;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Orleans.Runtime;

namespace Ensemble.FrontDoor.Http;

/// <summary>
/// What a failed call was (<see cref="Classify"/>), and the status each protocol answers it with: HTTP's (the caller's
/// fault 4xx, too many requests 429, the cluster not serving yet or in time 5xx) and gRPC's. One classification, so
/// both protocols always agree.
/// </summary>
internal static class ErrorStatus
{
    public static InferenceFailure Classify(Exception error) => error switch
    {
        InferenceRequestException or AudioFormatException or ArgumentException or BadHttpRequestException => InferenceFailure.BadRequest,
        ModelNotFoundException => InferenceFailure.NotFound,
        // A model grain's queue is full: refused at once, the caller should back off and retry.
        ModelOverloadedException => InferenceFailure.Overloaded,
        // No gateway or silo answered, or this silo is not ready: the cluster may serve soon.
        ClusterUnavailableException or SiloUnavailableException or OrleansMessageRejectionException or ServerNotReadyException => InferenceFailure.Unavailable,
        // No model answered within the deadline, or the cluster did not answer within its response timeout.
        TimeoutException => InferenceFailure.DeadlineExceeded,
        _ => InferenceFailure.Internal,
    };

    public static int Of(Exception error) => Classify(error) switch
    {
        InferenceFailure.BadRequest => StatusCodes.Status400BadRequest,
        InferenceFailure.NotFound => StatusCodes.Status404NotFound,
        InferenceFailure.Overloaded => StatusCodes.Status429TooManyRequests,
        InferenceFailure.Unavailable => StatusCodes.Status503ServiceUnavailable,
        InferenceFailure.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static StatusCode GrpcOf(Exception error) => Classify(error) switch
    {
        InferenceFailure.BadRequest => StatusCode.InvalidArgument,
        InferenceFailure.NotFound => StatusCode.NotFound,
        InferenceFailure.Overloaded => StatusCode.ResourceExhausted,
        InferenceFailure.Unavailable => StatusCode.Unavailable,
        InferenceFailure.DeadlineExceeded => StatusCode.DeadlineExceeded,
        _ => StatusCode.Internal,
    };
}
