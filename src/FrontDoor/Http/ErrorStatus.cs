using Ensemble.Audio;
using Ensemble.FrontDoor.OpenInference;
using Microsoft.AspNetCore.Http;

namespace Ensemble.FrontDoor.Http;

/// <summary>The HTTP status of a failed call: the caller's fault (4xx), the cluster not serving yet or in time (5xx).</summary>
internal static class ErrorStatus
{
    public static int Of(Exception error) => error switch
    {
        InferenceRequestException or AudioFormatException or ArgumentException or BadHttpRequestException => StatusCodes.Status400BadRequest,
        ModelNotFoundException => StatusCodes.Status404NotFound,
        // No model answered within the deadline, or the cluster did not answer within its response timeout.
        TimeoutException => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };
}
