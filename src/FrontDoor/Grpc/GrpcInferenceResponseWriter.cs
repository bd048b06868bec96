using Ensemble.FrontDoor.Grpc.Protocol;
using Ensemble.FrontDoor.OpenInference;
using Ensemble.Grains.Abstractions.Clips;
using Google.Protobuf;

namespace Ensemble.FrontDoor.Grpc;

/// <summary>
/// Writes the ModelInferResponse: the outputs asked for, in their order, ranked (<see cref="RankedScores"/>), in
/// <c>raw_output_contents</c> when the call asked for binary outputs (it sent its input raw), else as contents; the
/// response parameters as InferParameters.
/// </summary>
internal static class GrpcInferenceResponseWriter
{
    public static ModelInferResponse Write(ClipTagResult result, ClipInferenceCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var ranked = RankedScores.From(result);
        var response = new ModelInferResponse { ModelName = InferenceModel.Name, ModelVersion = result.ManifestVersion, Id = call.Id ?? "" };
        foreach (var (name, value) in ranked.Parameters)
            response.Parameters[name] = Parameter(name, value);
        foreach (var asked in call.Outputs)
        {
            var spec = InferenceModel.Output(asked.Name, ranked.Scores.Length);
            var output = new ModelInferResponse.Types.InferOutputTensor { Name = spec.Name, Datatype = spec.Datatype };
            output.Shape.Add(spec.Shape);
            var scores = asked.Name == InferenceModel.ScoresOutput;
            if (asked.Binary)
            {
                response.RawOutputContents.Add(ByteString.CopyFrom(scores ? TensorBytes.Fp32(ranked.Scores) : TensorBytes.BytesElements(ranked.Labels)));
            }
            else
            {
                output.Contents = new InferTensorContents();
                if (scores)
                    output.Contents.Fp32Contents.Add(ranked.Scores);
                else
                    output.Contents.BytesContents.Add(ranked.Labels.Select(ByteString.CopyFromUtf8));
            }
            response.Outputs.Add(output);
        }
        return response;
    }

    /// <summary>The parameter types <see cref="RankedScores"/> holds; another is a bug here, not the caller's fault.</summary>
    private static InferParameter Parameter(string name, object value) => value switch
    {
        bool b => new InferParameter { BoolParam = b },
        int i => new InferParameter { Int64Param = i },
        long l => new InferParameter { Int64Param = l },
        double d => new InferParameter { DoubleParam = d },
        float f => new InferParameter { DoubleParam = f },
        string s => new InferParameter { StringParam = s },
        _ => throw new InvalidOperationException($"response parameter '{name}' is a {value.GetType().Name}, which InferParameter cannot carry"),
    };
}
