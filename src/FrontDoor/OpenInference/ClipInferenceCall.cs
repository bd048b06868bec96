namespace Ensemble.FrontDoor.OpenInference;

/// <summary>
/// One inference request, whatever protocol it came by: the WAV bytes, the caller's id (echoed back), the deadline
/// (null waits for every model) and the outputs to return, in order.
/// </summary>
public sealed record ClipInferenceCall
{
    public ClipInferenceCall(string? id, byte[] wav, int? deadlineMs, IReadOnlyList<RequestedOutput> outputs)
    {
        ArgumentNullException.ThrowIfNull(wav);
        ArgumentNullException.ThrowIfNull(outputs);
        if (wav.Length == 0)
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}' is empty: send a WAV file's bytes");
        if (deadlineMs is <= 0)
            throw new InferenceRequestException($"deadline {deadlineMs} ms is not positive");
        if (outputs.Count == 0)
            throw new InferenceRequestException("no output requested");
        foreach (var output in outputs)
        {
            if (!InferenceModel.Outputs.Contains(output.Name, StringComparer.Ordinal))
                throw new InferenceRequestException($"unknown output '{output.Name}': the model has {string.Join(" and ", InferenceModel.Outputs)}");
        }
        (Id, Wav, DeadlineMs, Outputs) = (id, wav, deadlineMs, outputs);
    }

    public string? Id { get; }
    public byte[] Wav { get; }
    public int? DeadlineMs { get; }
    public IReadOnlyList<RequestedOutput> Outputs { get; }

    /// <summary>The deadline in ms from Triton's "timeout" parameter in microseconds (rounded up: 1 µs still waits 1 ms).</summary>
    public static int? DeadlineFromMicroseconds(long? microseconds) =>
        microseconds switch
        {
            null => null,
            <= 0 => throw new InferenceRequestException($"parameter '{InferenceModel.TimeoutParameter}' {microseconds} µs is not positive"),
            > (long)int.MaxValue * 1000 => throw new InferenceRequestException($"parameter '{InferenceModel.TimeoutParameter}' {microseconds} µs is too large"),
            { } us => (int)((us + 999) / 1000),
        };
}
