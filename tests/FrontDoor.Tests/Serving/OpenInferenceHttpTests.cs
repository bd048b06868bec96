using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ensemble.Cli.Tests.Serving;
using Ensemble.FrontDoor.Tests.Http;
using Ensemble.Grains.Abstractions.Clips;
using Ensemble.Grains.Clips;
using Ensemble.Grains.Inference;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>The Open Inference Protocol's HTTP API on a real in-process silo: health, metadata, inference (JSON and
/// binary), errors with the protocol's body, a deadline's partial answer; scores equal the in-process ensemble.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class OpenInferenceHttpTests(HttpSilo silo)
{
    [Fact]
    public async Task Health_and_metadata_answer_as_the_spec_says()
    {
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/v2/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/v2/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/v2/models/ensemble/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync($"/v2/models/ensemble/versions/{silo.Run.Manifest.Version}/ready")).StatusCode);

        using var server = JsonDocument.Parse(await silo.Http.GetStringAsync("/v2"));
        Assert.Equal("ensemble", server.RootElement.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(server.RootElement.GetProperty("version").GetString()));
        Assert.Contains("binary_tensor_data", server.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()));

        using var model = JsonDocument.Parse(await silo.Http.GetStringAsync("/v2/models/ensemble"));
        Assert.Equal([silo.Run.Manifest.Version], model.RootElement.GetProperty("versions").EnumerateArray().Select(e => e.GetString()));
        Assert.False(string.IsNullOrEmpty(model.RootElement.GetProperty("platform").GetString()));
        var input = model.RootElement.GetProperty("inputs")[0];
        Assert.Equal(("audio", "BYTES", "[1]"), (input.GetProperty("name").GetString(), input.GetProperty("datatype").GetString(), input.GetProperty("shape").GetRawText()));
        var outputs = model.RootElement.GetProperty("outputs");
        Assert.Equal(("scores", "FP32", $"[1,{UntrainedRun.Labels.Length}]"), (outputs[0].GetProperty("name").GetString(), outputs[0].GetProperty("datatype").GetString(), outputs[0].GetProperty("shape").GetRawText()));
        Assert.Equal(("labels", "BYTES"), (outputs[1].GetProperty("name").GetString(), outputs[1].GetProperty("datatype").GetString()));
    }

    [Fact]
    public async Task Unknown_models_and_versions_are_404_with_the_protocols_error_body()
    {
        foreach (var path in new[] { "/v2/models/mymodel", "/v2/models/ensemble/versions/0000/ready", "/v2/models/mymodel/ready" })
        {
            var response = await silo.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("error").GetString()));
        }
        // Another model is not found before its request is read: even an empty one.
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync("{}", "/v2/models/mymodel/infer")).StatusCode);
    }

    [Fact]
    public async Task A_json_inference_equals_the_in_process_ensemble_and_echoes_the_id()
    {
        foreach (var clip in silo.Run.Clips())
        {
            var response = await PostAsync(JsonRequest(clip, id: "42"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("42", json.RootElement.GetProperty("id").GetString());
            Assert.Equal(silo.Run.Manifest.Version, json.RootElement.GetProperty("model_version").GetString());
            Assert.False(json.RootElement.GetProperty("parameters").GetProperty("partial").GetBoolean());
            AssertEqualsDirect(clip, Outputs(json.RootElement));
        }
    }

    [Fact]
    public async Task A_binary_inference_returns_binary_outputs_equal_to_the_json_ones()
    {
        var clip = silo.Run.Clips()[0];
        var size = 4 + new FileInfo(clip).Length;
        var header = Encoding.UTF8.GetBytes("{\"inputs\": [{\"name\": \"audio\", \"shape\": [1], \"datatype\": \"BYTES\", \"parameters\": {\"binary_data_size\": " + size.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}], " +
            "\"outputs\": [{\"name\": \"labels\"}, {\"name\": \"scores\", \"parameters\": {\"binary_data\": true}}]}");
        using var content = new ByteArrayContent([.. header, .. HttpInferenceRequestReaderTests.LengthPrefixed(File.ReadAllBytes(clip))]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.Add("Inference-Header-Content-Length", header.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var response = await silo.Http.PostAsync("/v2/models/ensemble/infer", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var jsonLength = int.Parse(response.Headers.GetValues("Inference-Header-Content-Length").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var body = await response.Content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(body.AsMemory(0, jsonLength));
        var labels = json.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetString()!).ToArray();
        var scores = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(body.AsSpan(jsonLength)).ToArray();
        Assert.Equal(labels.Length * sizeof(float), json.RootElement.GetProperty("outputs")[1].GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        AssertEqualsDirect(clip, (scores, labels));
    }

    [Fact]
    public async Task Bad_audio_is_a_400_naming_the_request_and_the_problem()
    {
        var body = $$"""{"id": "broken.wav", "inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "parameters": {"content_type": "base64"}, "data": ["{{Convert.ToBase64String(Encoding.ASCII.GetBytes("not a wav file"))}}"]}]}""";
        var response = await PostAsync(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("broken.wav", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        // The silo keeps serving.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(JsonRequest(silo.Run.Clips()[0]))).StatusCode);
    }

    [Fact]
    public async Task With_a_deadline_a_failing_model_leaves_a_partial_answer_that_names_it()
    {
        var failing = silo.Run.Manifest.Models[1];
        silo.Runners.Failing = true;
        try
        {
            var response = await PostAsync(JsonRequest(silo.Run.Clips()[0], timeoutMicroseconds: 120_000_000));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var parameters = json.RootElement.GetProperty("parameters");
            Assert.True(parameters.GetProperty("partial").GetBoolean());
            Assert.Contains($"{failing.Id} (failed", parameters.GetProperty("missing_models").GetString(), StringComparison.Ordinal);
            Assert.True(parameters.TryGetProperty($"model.{silo.Run.Manifest.Models[0].Id}.compute_ms", out _));
            Assert.False(parameters.TryGetProperty($"model.{failing.Id}.compute_ms", out _));

            // Without a deadline a failing model fails the request: no silent partial blend.
            var strict = await PostAsync(JsonRequest(silo.Run.Clips()[0]));
            Assert.Equal(HttpStatusCode.InternalServerError, strict.StatusCode);
            using var error = JsonDocument.Parse(await strict.Content.ReadAsStringAsync());
            Assert.Contains("switched off by the test", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            silo.Runners.Failing = false;
        }
    }

    [Fact]
    public async Task A_full_model_queue_answers_429_with_the_protocols_error_body_at_once()
    {
        var clip = silo.Run.Clips()[0];
        // A barrier, not a wait: a late model call of an earlier test (a deadline answer leaves it computing) must not be
        // the one the hold catches. This strict request runs behind any such call on the model's device thread.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(JsonRequest(clip, id: "drain"))).StatusCode);
        var hold = silo.Runners.Hold();
        Task<HttpResponseMessage> first, second, third;
        try
        {
            first = PostAsync(JsonRequest(clip, id: "first"));
            await hold.Entered.WaitAsync(TimeSpan.FromSeconds(60)); // the held model computes the first request
            second = PostAsync(JsonRequest(clip, id: "second"));
            third = PostAsync(JsonRequest(clip, id: "third"));
            // While the model is held nothing can finish but a refusal: one of the two exceeds its queue of one.
            var refused = await (await Task.WhenAny(second, third).WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
            using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Contains("is overloaded", error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
            // First cannot be answered while its call is held. It can be refused: its call to the other model (which
            // shares the CPU thread) may arrive there after the two later requests and find that queue full.
            Assert.False(first.IsCompletedSuccessfully && (await first).StatusCode == HttpStatusCode.OK, "answered while its model was held");
        }
        finally
        {
            hold.Release();
        }
        Assert.Contains((await first).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests });
        // The others queued behind the first on the held model (and on the model sharing its CPU thread, the arrival
        // order there may differ): each is answered, or refused in the same way.
        Assert.Contains((await second).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests });
        Assert.Contains((await third).StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests });
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(JsonRequest(clip))).StatusCode); // and the silo serves on
    }

    private async Task<HttpResponseMessage> PostAsync(string json, string path = "/v2/models/ensemble/infer")
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await silo.Http.PostAsync(path, content);
    }

    internal static string JsonRequest(string clip, string? id = null, long? timeoutMicroseconds = null)
    {
        var parameters = timeoutMicroseconds is { } us ? $"\"parameters\": {{\"timeout\": {us}}}, " : "";
        var idField = id is null ? "" : $"\"id\": \"{id}\", ";
        return $$"""{{{idField}}{{parameters}}"inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "parameters": {"content_type": "base64"}, "data": ["{{Convert.ToBase64String(File.ReadAllBytes(clip))}}"]}]}""";
    }

    internal static (float[] Scores, string[] Labels) Outputs(JsonElement response)
    {
        var outputs = response.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);
        return (outputs["scores"].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray(),
            outputs["labels"].GetProperty("data").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    /// <summary>Ranked outputs against the in-process ensemble's scores (manifest label order), within 1e-5.</summary>
    internal void AssertEqualsDirect(string clip, (float[] Scores, string[] Labels) ranked)
    {
        using var direct = new InProcessEnsemble(silo.Run.Manifest, new AudioClipFeaturizer(), new ServingModelRunnerFactory());
        var expected = direct.Predict(ClipTagRequest.FromBytes(Path.GetFileName(clip), File.ReadAllBytes(clip)));
        Assert.Equal(UntrainedRun.Labels.Order(StringComparer.Ordinal), ranked.Labels.Order(StringComparer.Ordinal));
        for (var i = 0; i < ranked.Labels.Length; i++)
            Assert.Equal(expected[Array.IndexOf(UntrainedRun.Labels, ranked.Labels[i])], ranked.Scores[i], 1e-5f);
        Assert.True(ranked.Scores.Zip(ranked.Scores.Skip(1)).All(p => p.First >= p.Second), "scores are ranked highest first");
    }
}
