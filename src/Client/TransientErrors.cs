using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Polly.Timeout;

namespace Ensemble.Client;

/// <summary>
/// The errors after which a tagging call is retried: the silo or gateway it went to is gone or refused it
/// (<see cref="SiloUnavailableException"/> and the other <see cref="OrleansMessageRejectionException"/>s,
/// <see cref="ConnectionFailedException"/>, <see cref="GatewayTooBusyException"/>), or the attempt timed out
/// (<see cref="TimeoutRejectedException"/>, the per-call timeout; <see cref="TimeoutException"/>, Orleans' response
/// timeout) — after a silo is killed, calls in flight to it end only by timing out. Anything else (bad audio, a model
/// that cannot load, a bad request) is the answer and is not retried.
/// </summary>
public static class TransientErrors
{
    public static bool IsTransient(Exception error) =>
        error is OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutRejectedException or TimeoutException;

    public static bool IsTimeout(Exception error) => error is TimeoutRejectedException or TimeoutException;
}
