namespace Ensemble.FrontDoor.OpenInference;

/// <summary>A request the front door cannot serve as given (bad JSON, wrong input, bad parameter): the caller's fault, HTTP 400.</summary>
public sealed class InferenceRequestException : Exception
{
    public InferenceRequestException(string message) : base(message) { }
    public InferenceRequestException(string message, Exception inner) : base(message, inner) { }
}
