using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Ensemble.FrontDoor.Grpc;
using Ensemble.FrontDoor.Grpc.Protocol;
using Ensemble.FrontDoor.OpenInference;
using Ensemble.FrontDoor.Tests.Http;
using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.FrontDoor.Tests.Grpc;

public sealed class GrpcInferenceResponseWriterTests
{
    /// <summary>The HTTP writer's partial result: both protocols answer the same one.</summary>
    private static readonly ClipTagResult Partial = HttpInferenceResponseWriterTests.Partial;

    [Fact]
    public void Contents_hold_ranked_outputs_and_the_parameters_carry_the_partial_answer()
    {
        var call = new ClipInferenceCall("42", [1], 100, [new RequestedOutput("scores", false), new RequestedOutput("labels", false)]);
        var response = GrpcInferenceResponseWriter.Write(Partial, call);
        Assert.Equal(("ensemble", "abc123", "42"), (response.ModelName, response.ModelVersion, response.Id));
        Assert.Empty(response.RawOutputContents);
        var (scores, labels) = (response.Outputs[0], response.Outputs[1]);
        Assert.Equal(("scores", "FP32", "1,3"), (scores.Name, scores.Datatype, string.Join(',', scores.Shape)));
        Assert.Equal([0.7f, 0.2f, 0.1f], scores.Contents.Fp32Contents);
        Assert.Equal(("labels", "BYTES", "3"), (labels.Name, labels.Datatype, string.Join(',', labels.Shape)));
        Assert.Equal(["Chirp", "Hiss", "Bark"], labels.Contents.BytesContents.Select(b => b.ToStringUtf8()));
        Assert.True(response.Parameters["partial"].BoolParam);
        Assert.Contains("m1 (late", response.Parameters["missing_models"].StringParam, StringComparison.Ordinal);
        Assert.Equal(1.5, response.Parameters["model.m0.queue_ms"].DoubleParam);
        Assert.Equal(3, response.Parameters["model.m0.batch_crops"].Int64Param);
        Assert.Equal("cpu", response.Parameters["model.m0.device"].StringParam);
        Assert.Equal(9.0, response.Parameters["total_ms"].DoubleParam);
    }

    [Fact]
    public void Raw_outputs_come_in_request_order_as_triton_encodes_them()
    {
        var call = new ClipInferenceCall(null, [1], null, [new RequestedOutput("labels", true), new RequestedOutput("scores", true)]);
        var response = GrpcInferenceResponseWriter.Write(Partial, call);
        Assert.Equal("", response.Id);
        Assert.Equal(["labels", "scores"], response.Outputs.Select(o => o.Name));
        Assert.All(response.Outputs, o => Assert.Null(o.Contents));
        var labels = response.RawOutputContents[0].Span;
        Assert.Equal(3 * 4 + "ChirpHissBark".Length, labels.Length);
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32LittleEndian(labels));
        Assert.Equal([0.7f, 0.2f, 0.1f], MemoryMarshal.Cast<byte, float>(response.RawOutputContents[1].Span).ToArray());
    }
}
