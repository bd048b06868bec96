using Ensemble.FrontDoor.Grpc.Protocol;
using Ensemble.FrontDoor.OpenInference;

namespace Ensemble.FrontDoor.Grpc;

/// <summary>
/// Reads a ModelInferRequest: the one input <c>audio</c>, BYTES, shape [1], the WAV bytes in
/// <c>contents.bytes_contents</c> or in <c>raw_input_contents</c> (a 4-byte little-endian length, then the bytes, as
/// Triton's clients send BYTES). Outputs come back raw when the input came raw, else as contents. The deadline is the
/// sooner of the <c>timeout</c> parameter (µs) and the gRPC call's own.
/// </summary>
internal static class GrpcInferenceRequestReader
{
    /// <param name="callDeadlineMs">What is left of the gRPC call's deadline (null: the call has none).</param>
    public static ClipInferenceCall Read(ModelInferRequest request, int? callDeadlineMs)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Inputs is not [var input])
            throw new InferenceRequestException($"the request has {request.Inputs.Count} inputs: the model takes one, '{InferenceModel.AudioInput}'");
        InferenceModel.CheckInput(input.Name, input.Datatype, input.Shape);
        var raw = request.RawInputContents.Count > 0;
        var wav = raw ? RawWav(request, input) : ContentsWav(input);
        var outputs = request.Outputs.Count > 0
            ? request.Outputs.Select(o => new RequestedOutput(o.Name, raw)).ToArray()
            : InferenceModel.Outputs.Select(name => new RequestedOutput(name, raw)).ToArray();
        var timeoutMs = ClipInferenceCall.DeadlineFromMicroseconds(Microseconds(request));
        var deadlineMs = (timeoutMs, callDeadlineMs) switch
        {
            ({ } a, { } b) => Math.Min(a, b),
            (var a, var b) => a ?? b,
        };
        return new ClipInferenceCall(string.IsNullOrEmpty(request.Id) ? null : request.Id, wav, deadlineMs, outputs);
    }

    /// <summary>What is left of a gRPC deadline in whole ms, rounded up (null: none); a deadline already passed throws
    /// <see cref="TimeoutException"/>.</summary>
    public static int? RemainingMs(DateTime deadline, DateTime utcNow)
    {
        if (deadline == DateTime.MaxValue)
            return null; // gRPC's "no deadline"
        var left = (deadline - utcNow).TotalMilliseconds;
        return left <= 0 ? throw new TimeoutException($"the call's deadline {deadline:O} passed before inference began")
            : left >= int.MaxValue ? null
            : (int)Math.Ceiling(left);
    }

    private static byte[] RawWav(ModelInferRequest request, ModelInferRequest.Types.InferInputTensor input)
    {
        if (input.Contents is not null)
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}' has contents and the request raw_input_contents: send one of them");
        if (request.RawInputContents.Count != 1)
            throw new InferenceRequestException($"the request has {request.RawInputContents.Count} raw_input_contents for 1 input");
        return TensorBytes.SingleBytesElement(request.RawInputContents[0].Span, $"raw_input_contents[0] of {request.RawInputContents[0].Length} bytes");
    }

    private static byte[] ContentsWav(ModelInferRequest.Types.InferInputTensor input)
    {
        if (input.Contents is not { BytesContents: [var wav] } contents)
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}' must hold exactly one WAV file in contents.bytes_contents (or in raw_input_contents), found {input.Contents?.BytesContents.Count ?? 0}");
        if (contents.BoolContents.Count + contents.IntContents.Count + contents.Int64Contents.Count + contents.UintContents.Count
            + contents.Uint64Contents.Count + contents.Fp32Contents.Count + contents.Fp64Contents.Count > 0)
            throw new InferenceRequestException($"input '{InferenceModel.AudioInput}' is BYTES: only contents.bytes_contents may be set");
        return wav.ToByteArray();
    }

    private static long? Microseconds(ModelInferRequest request)
    {
        if (!request.Parameters.TryGetValue(InferenceModel.TimeoutParameter, out var value))
            return null;
        return value.ParameterChoiceCase switch
        {
            InferParameter.ParameterChoiceOneofCase.Int64Param => value.Int64Param,
            InferParameter.ParameterChoiceOneofCase.Uint64Param => value.Uint64Param > long.MaxValue ? long.MaxValue : (long)value.Uint64Param,
            _ => throw new InferenceRequestException($"parameter '{InferenceModel.TimeoutParameter}' must be an integer (int64_param), got {value.ParameterChoiceCase}"),
        };
    }
}
