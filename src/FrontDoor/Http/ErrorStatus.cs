using Ensemble.Audio;
using Ensemble.FrontDoor.OpenInference;
using Ensemble.Grains.Abstractions.Models;
using Microsoft.AspNetCore.Http;

namespace Ensemble.FrontDoor.Http;

/// <summary>The HTTP status of a failed call: the caller's fault (4xx), too many requests (429), the cluster not serving yet or in time (5xx).</summary>
internal static class ErrorStatus
{
    public static int Of(Exception error) => error switch
    {
        InferenceRequestException or AudioFormatException or ArgumentException or BadHttpRequestException => StatusCodes.Status400BadRequest,
        ModelNotFoundException => StatusCodes.Status404NotFound,
        // A model grain's queue is full: refused at once, the caller should back off and retry.
        ModelOverloadedException => StatusCodes.Status429TooManyRequests,
        // No model answered within the deadline, or the cluster did not answer within its response timeout.
        TimeoutException => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };
}
