using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using Ensemble.Cli.Tests.Serving;
using Ensemble.FrontDoor.Grpc.Protocol;
using Ensemble.FrontDoor.Tests.Http;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>The Open Inference Protocol's gRPC API on the HTTP tests' real in-process silo: health, metadata,
/// inference with bytes_contents and raw_input_contents (scores equal the HTTP answer and the in-process ensemble),
/// errors as status codes, the call's deadline as the request's, and server reflection.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class OpenInferenceGrpcTests(HttpSilo silo)
{
    private GRPCInferenceService.GRPCInferenceServiceClient Client => new(silo.Grpc);

    [Fact]
    public async Task Health_and_metadata_answer_as_the_spec_says()
    {
        Assert.True((await Client.ServerLiveAsync(new ServerLiveRequest())).Live);
        Assert.True((await Client.ServerReadyAsync(new ServerReadyRequest())).Ready);
        Assert.True((await Client.ModelReadyAsync(new ModelReadyRequest { Name = "ensemble" })).Ready);
        Assert.True((await Client.ModelReadyAsync(new ModelReadyRequest { Name = "ensemble", Version = silo.Run.Manifest.Version })).Ready);

        var server = await Client.ServerMetadataAsync(new ServerMetadataRequest());
        Assert.Equal("ensemble", server.Name);
        Assert.False(string.IsNullOrEmpty(server.Version));

        var model = await Client.ModelMetadataAsync(new ModelMetadataRequest { Name = "ensemble" });
        Assert.Equal([silo.Run.Manifest.Version], model.Versions);
        Assert.False(string.IsNullOrEmpty(model.Platform));
        // Shapes as text: tuples compare arrays by reference.
        Assert.Equal(("audio", "BYTES", "1"), (model.Inputs[0].Name, model.Inputs[0].Datatype, string.Join(',', model.Inputs[0].Shape)));
        Assert.Equal(("scores", "FP32", $"1,{UntrainedRun.Labels.Length}"), (model.Outputs[0].Name, model.Outputs[0].Datatype, string.Join(',', model.Outputs[0].Shape)));
        Assert.Equal(("labels", "BYTES", $"{UntrainedRun.Labels.Length}"), (model.Outputs[1].Name, model.Outputs[1].Datatype, string.Join(',', model.Outputs[1].Shape)));
    }

    [Fact]
    public async Task Unknown_models_and_versions_are_not_found_with_a_message()
    {
        var clip = silo.Run.Clips()[0];
        var calls = new Func<Task>[]
        {
            async () => await Client.ModelMetadataAsync(new ModelMetadataRequest { Name = "mymodel" }),
            async () => await Client.ModelReadyAsync(new ModelReadyRequest { Name = "mymodel" }),
            async () => await Client.ModelReadyAsync(new ModelReadyRequest { Name = "ensemble", Version = "0000" }),
            async () => await Client.ModelInferAsync(ContentsRequest(clip, model: "mymodel")),
            async () => await Client.ModelInferAsync(new ModelInferRequest { ModelName = "mymodel" }), // not found before bad
        };
        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.False(string.IsNullOrEmpty(error.Status.Detail));
        }
    }

    [Fact]
    public async Task Bytes_contents_inference_equals_the_http_answer_and_the_in_process_ensemble()
    {
        foreach (var clip in silo.Run.Clips())
        {
            var response = await Client.ModelInferAsync(ContentsRequest(clip, id: "42"));
            Assert.Equal(("ensemble", silo.Run.Manifest.Version, "42"), (response.ModelName, response.ModelVersion, response.Id));
            Assert.False(response.Parameters["partial"].BoolParam);
            Assert.Empty(response.RawOutputContents);
            var outputs = response.Outputs.ToDictionary(o => o.Name);
            var ranked = (outputs["scores"].Contents.Fp32Contents.ToArray(), outputs["labels"].Contents.BytesContents.Select(b => b.ToStringUtf8()).ToArray());
            Assert.Equal([1L, UntrainedRun.Labels.Length], outputs["scores"].Shape);
            new OpenInferenceHttpTests(silo).AssertEqualsDirect(clip, ranked);

            using var content = new StringContent(OpenInferenceHttpTests.JsonRequest(clip), Encoding.UTF8, "application/json");
            var http = await silo.Http.PostAsync("/v2/models/ensemble/infer", content);
            Assert.Equal(HttpStatusCode.OK, http.StatusCode);
            using var json = JsonDocument.Parse(await http.Content.ReadAsStringAsync());
            var (httpScores, httpLabels) = OpenInferenceHttpTests.Outputs(json.RootElement);
            Assert.Equal(httpLabels, ranked.Item2);
            for (var i = 0; i < httpScores.Length; i++)
                Assert.Equal(httpScores[i], ranked.Item1[i], 1e-5f);
        }
    }

    [Fact]
    public async Task Raw_input_contents_get_raw_outputs_in_the_order_asked()
    {
        var clip = silo.Run.Clips()[1];
        var request = new ModelInferRequest { ModelName = "ensemble", ModelVersion = silo.Run.Manifest.Version };
        request.Inputs.Add(AudioInput());
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "labels" });
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "scores" });
        request.RawInputContents.Add(ByteString.CopyFrom(HttpInferenceRequestReaderTests.LengthPrefixed(File.ReadAllBytes(clip))));

        var response = await Client.ModelInferAsync(request);
        Assert.Equal(["labels", "scores"], response.Outputs.Select(o => o.Name));
        Assert.All(response.Outputs, o => Assert.Null(o.Contents));
        var labels = BytesElements(response.RawOutputContents[0].Span);
        var scores = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(response.RawOutputContents[1].Span).ToArray();
        new OpenInferenceHttpTests(silo).AssertEqualsDirect(clip, (scores, labels));
    }

    [Fact]
    public async Task Bad_requests_are_invalid_argument_naming_the_problem_and_the_silo_serves_on()
    {
        var clip = silo.Run.Clips()[0];
        var notWav = ContentsRequest(clip, id: "broken.wav");
        notWav.Inputs[0].Contents.BytesContents[0] = ByteString.CopyFromUtf8("not a wav file");
        var wrongInput = ContentsRequest(clip);
        wrongInput.Inputs[0].Name = "waveform";
        var shortRaw = new ModelInferRequest { ModelName = "ensemble" };
        shortRaw.Inputs.Add(AudioInput());
        shortRaw.RawInputContents.Add(ByteString.CopyFrom(9, 0, 0, 0, 1)); // says 9 bytes, holds 1
        var badTimeout = ContentsRequest(clip);
        badTimeout.Parameters["timeout"] = new InferParameter { StringParam = "soon" };

        foreach (var (request, problem) in new[] { (notWav, "broken.wav"), (wrongInput, "unknown input 'waveform'"), (shortRaw, "the BYTES element says 9 bytes"), (badTimeout, "timeout") })
        {
            var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ModelInferAsync(request));
            Assert.Equal((StatusCode.InvalidArgument, true), (error.StatusCode, error.Status.Detail.Contains(problem, StringComparison.Ordinal)));
        }
        Assert.NotEmpty((await Client.ModelInferAsync(ContentsRequest(clip))).Outputs);
    }

    [Fact]
    public async Task The_calls_own_deadline_is_the_requests_so_a_failing_model_leaves_a_partial_answer()
    {
        var failing = silo.Run.Manifest.Models[1];
        silo.Runners.Failing = true;
        try
        {
            // No timeout parameter: the gRPC deadline alone makes the silo answer with the models that replied.
            var response = await Client.ModelInferAsync(ContentsRequest(silo.Run.Clips()[0]), deadline: DateTime.UtcNow.AddMinutes(2));
            Assert.True(response.Parameters["partial"].BoolParam);
            Assert.Contains($"{failing.Id} (failed", response.Parameters["missing_models"].StringParam, StringComparison.Ordinal);
            Assert.True(response.Parameters.ContainsKey($"model.{silo.Run.Manifest.Models[0].Id}.compute_ms"));

            // Without any deadline a failing model fails the call: a server fault, with its message.
            var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.ModelInferAsync(ContentsRequest(silo.Run.Clips()[0])));
            Assert.Equal((StatusCode.Internal, true), (error.StatusCode, error.Status.Detail.Contains("switched off by the test", StringComparison.Ordinal)));
        }
        finally
        {
            silo.Runners.Failing = false;
        }
    }

    [Fact]
    public async Task A_full_model_queue_is_resource_exhausted_at_once()
    {
        var clip = silo.Run.Clips()[0];
        // A barrier, not a wait: see the HTTP overload test (a late model call of an earlier test must not meet the hold).
        _ = await Client.ModelInferAsync(ContentsRequest(clip, id: "drain")).ResponseAsync;
        var hold = silo.Runners.Hold();
        Task<ModelInferResponse> first;
        Task<ModelInferResponse>[] queued;
        try
        {
            first = Client.ModelInferAsync(ContentsRequest(clip, id: "first")).ResponseAsync;
            await hold.Entered.WaitAsync(TimeSpan.FromSeconds(60)); // the held model computes the first request
            queued = [Client.ModelInferAsync(ContentsRequest(clip)).ResponseAsync, Client.ModelInferAsync(ContentsRequest(clip)).ResponseAsync];
            // While the model is held only a refusal can finish: one of the two exceeds the queue of one.
            var refused = await Task.WhenAny(queued).WaitAsync(TimeSpan.FromSeconds(60));
            var error = await Assert.ThrowsAsync<RpcException>(() => refused);
            Assert.Equal((StatusCode.ResourceExhausted, true), (error.StatusCode, error.Status.Detail.Contains("is overloaded", StringComparison.Ordinal)));
            // First cannot be answered while its call is held; it can be refused (the HTTP test says why).
            Assert.False(first.IsCompletedSuccessfully, "answered while its model was held");
        }
        finally
        {
            hold.Release();
        }
        var firstOutcome = await Record.ExceptionAsync(() => first);
        Assert.True(firstOutcome is null ? (await first).Id == "first" : firstOutcome is RpcException { StatusCode: StatusCode.ResourceExhausted }, firstOutcome?.Message);
        foreach (var other in queued)
        {
            // The other one queued behind the first (or was refused the same way, as the HTTP test explains).
            var outcome = await Record.ExceptionAsync(() => other);
            Assert.True(outcome is null or RpcException { StatusCode: StatusCode.ResourceExhausted }, outcome?.Message);
        }
    }

    [Fact]
    public async Task Reflection_lists_the_inference_service_and_describes_it()
    {
        using var call = new ServerReflection.ServerReflectionClient(silo.Grpc).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("inference.GRPCInferenceService", call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "inference.GRPCInferenceService" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var file = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("inference", file.Package);
        Assert.Contains("ModelInfer", file.Service.Single().Method.Select(m => m.Name));
        await call.RequestStream.CompleteAsync();
    }

    internal static ModelInferRequest ContentsRequest(string clip, string model = "ensemble", string? id = null)
    {
        var request = new ModelInferRequest { ModelName = model, Id = id ?? "" };
        var input = AudioInput();
        input.Contents = new InferTensorContents();
        input.Contents.BytesContents.Add(ByteString.CopyFrom(File.ReadAllBytes(clip)));
        request.Inputs.Add(input);
        return request;
    }

    private static ModelInferRequest.Types.InferInputTensor AudioInput()
    {
        var input = new ModelInferRequest.Types.InferInputTensor { Name = "audio", Datatype = "BYTES" };
        input.Shape.Add(1);
        return input;
    }

    /// <summary>Triton's raw BYTES: each element a 4-byte little-endian length, then its UTF-8.</summary>
    private static string[] BytesElements(ReadOnlySpan<byte> raw)
    {
        var elements = new List<string>();
        while (raw.Length > 0)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(raw);
            elements.Add(Encoding.UTF8.GetString(raw.Slice(4, length)));
            raw = raw[(4 + length)..];
        }
        return elements.ToArray();
    }
}
