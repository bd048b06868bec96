using Ensemble.FrontDoor.Grpc;
using Ensemble.FrontDoor.Grpc.Protocol;
using Ensemble.FrontDoor.OpenInference;
using Ensemble.FrontDoor.Tests.Http;
using Google.Protobuf;

namespace Ensemble.FrontDoor.Tests.Grpc;

/// <summary>ModelInferRequests as Triton's and KServe's gRPC clients send them, with this model's one input.</summary>
public sealed class GrpcInferenceRequestReaderTests
{
    private static readonly byte[] Wav = [(byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, 250];

    [Fact]
    public void Bytes_contents_carry_the_wav_and_outputs_come_back_as_contents()
    {
        var request = Request(raw: false);
        request.Id = "42";
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "scores" });
        var call = GrpcInferenceRequestReader.Read(request, callDeadlineMs: null);
        Assert.Equal(("42", (int?)null), (call.Id, call.DeadlineMs));
        Assert.Equal(Wav, call.Wav);
        Assert.Equal([new RequestedOutput("scores", false)], call.Outputs);
    }

    [Fact]
    public void Raw_input_contents_carry_a_length_prefixed_element_and_ask_for_raw_outputs()
    {
        var call = GrpcInferenceRequestReader.Read(Request(raw: true), callDeadlineMs: null);
        Assert.Equal(Wav, call.Wav);
        Assert.Null(call.Id);
        Assert.Equal([new RequestedOutput("scores", true), new RequestedOutput("labels", true)], call.Outputs);
    }

    [Theory]
    [InlineData(1_500_000L, null, 1500)]
    [InlineData(1_500_000L, 900, 900)]
    [InlineData(null, 900, 900)]
    [InlineData(800_000L, 900, 800)]
    public void The_deadline_is_the_sooner_of_the_timeout_parameter_and_the_calls(long? timeoutMicroseconds, int? callMs, int expected)
    {
        var request = Request(raw: false);
        if (timeoutMicroseconds is { } us)
            request.Parameters["timeout"] = new InferParameter { Int64Param = us };
        Assert.Equal(expected, GrpcInferenceRequestReader.Read(request, callMs).DeadlineMs);
    }

    [Fact]
    public void The_calls_deadline_counts_in_whole_ms_rounded_up_and_none_is_none()
    {
        var now = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);
        Assert.Null(GrpcInferenceRequestReader.RemainingMs(DateTime.MaxValue, now));
        Assert.Equal(1501, GrpcInferenceRequestReader.RemainingMs(now.AddMilliseconds(1500.2), now));
        Assert.Throws<TimeoutException>(() => GrpcInferenceRequestReader.RemainingMs(now, now));
    }

    [Fact]
    public void Bad_requests_are_refused_naming_the_problem()
    {
        var both = Request(raw: true);
        both.Inputs[0].Contents = new InferTensorContents();
        var twoWavs = Request(raw: false);
        twoWavs.Inputs[0].Contents.BytesContents.Add(ByteString.CopyFrom(Wav));
        var fp32 = Request(raw: false);
        fp32.Inputs[0].Contents.Fp32Contents.Add(1f);
        var shape = Request(raw: false);
        shape.Inputs[0].Shape.Add(2);
        var datatype = Request(raw: false);
        datatype.Inputs[0].Datatype = "FP32";
        var noInput = new ModelInferRequest { ModelName = "ensemble" };
        var unknownOutput = Request(raw: false);
        unknownOutput.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "logits" });
        var boolTimeout = Request(raw: false);
        boolTimeout.Parameters["timeout"] = new InferParameter { BoolParam = true };
        var zeroTimeout = Request(raw: false);
        zeroTimeout.Parameters["timeout"] = new InferParameter { Int64Param = 0 };

        foreach (var (request, problem) in new[]
        {
            (both, "send one of them"), (twoWavs, "exactly one WAV file"), (fp32, "only contents.bytes_contents"),
            (shape, "expected [1]"), (datatype, "expected BYTES"), (noInput, "0 inputs"), (unknownOutput, "unknown output 'logits'"),
            (boolTimeout, "must be an integer"), (zeroTimeout, "not positive"),
        })
            Assert.Contains(problem, Assert.Throws<InferenceRequestException>(() => GrpcInferenceRequestReader.Read(request, null)).Message, StringComparison.Ordinal);
    }

    private static ModelInferRequest Request(bool raw)
    {
        var request = new ModelInferRequest { ModelName = "ensemble" };
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "audio", Datatype = "BYTES" };
        input.Shape.Add(1);
        if (raw)
        {
            request.RawInputContents.Add(ByteString.CopyFrom(HttpInferenceRequestReaderTests.LengthPrefixed(Wav)));
        }
        else
        {
            input.Contents = new InferTensorContents();
            input.Contents.BytesContents.Add(ByteString.CopyFrom(Wav));
        }
        request.Inputs.Add(input);
        return request;
    }
}
