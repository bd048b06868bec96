namespace Ensemble.FrontDoor.OpenInference;

/// <summary>What went wrong with a call, whatever the protocol (each maps it to its own status: see ErrorStatus).</summary>
public enum InferenceFailure
{
    /// <summary>The caller's fault: bad request, parameter or audio.</summary>
    BadRequest,
    /// <summary>A model name or version not served here.</summary>
    NotFound,
    /// <summary>A model grain's queue is full: back off and retry.</summary>
    Overloaded,
    /// <summary>The cluster (or a silo of it) cannot be reached now.</summary>
    Unavailable,
    /// <summary>No model answered within the deadline, or the cluster not within its response timeout.</summary>
    DeadlineExceeded,
    /// <summary>A server fault.</summary>
    Internal,
}
