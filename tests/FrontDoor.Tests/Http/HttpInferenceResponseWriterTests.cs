using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Ensemble.FrontDoor.Http;
using Ensemble.FrontDoor.OpenInference;
using Ensemble.Grains.Abstractions.Clips;

namespace Ensemble.FrontDoor.Tests.Http;

public sealed class HttpInferenceResponseWriterTests
{
    internal static readonly ClipTagResult Partial = new("42", "abc123", [0.1f, 0.7f, 0.2f],
        [new LabelScore("Chirp", 0.7f), new LabelScore("Hiss", 0.2f), new LabelScore("Bark", 0.1f)],
        [new ModelTiming("m0", "cpu", "S127.0.0.1:1:1", 3, 1.5, 4.5, 7.0, false)], true,
        [new MissingModel("m1", MissingReason.Late, "no answer within the 100 ms deadline")], 2.0, 9.0);

    [Fact]
    public void A_json_response_has_the_specs_fields_ranked_outputs_and_the_partial_answer_in_its_parameters()
    {
        var call = new ClipInferenceCall("42", [1], 100, [new RequestedOutput("scores", false), new RequestedOutput("labels", false)]);
        var (body, headerLength) = HttpInferenceResponseWriter.Write(Partial, call);
        Assert.Null(headerLength);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("ensemble", root.GetProperty("model_name").GetString());
        Assert.Equal("abc123", root.GetProperty("model_version").GetString());
        Assert.Equal("42", root.GetProperty("id").GetString());
        var scores = root.GetProperty("outputs")[0];
        Assert.Equal("scores", scores.GetProperty("name").GetString());
        Assert.Equal("FP32", scores.GetProperty("datatype").GetString());
        Assert.Equal([1, 3], scores.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal([0.7f, 0.2f, 0.1f], scores.GetProperty("data").EnumerateArray().Select(e => e.GetSingle()));
        var labels = root.GetProperty("outputs")[1];
        Assert.Equal(("labels", "BYTES"), (labels.GetProperty("name").GetString(), labels.GetProperty("datatype").GetString()));
        Assert.Equal(["Chirp", "Hiss", "Bark"], labels.GetProperty("data").EnumerateArray().Select(e => e.GetString()));
        var parameters = root.GetProperty("parameters");
        Assert.True(parameters.GetProperty("partial").GetBoolean());
        Assert.Contains("m1 (late", parameters.GetProperty("missing_models").GetString(), StringComparison.Ordinal);
        Assert.Equal(1.5, parameters.GetProperty("model.m0.queue_ms").GetDouble());
        Assert.Equal(4.5, parameters.GetProperty("model.m0.compute_ms").GetDouble());
        Assert.Equal(9.0, parameters.GetProperty("total_ms").GetDouble());
    }

    [Fact]
    public void Binary_outputs_follow_the_json_header_in_request_order()
    {
        var call = new ClipInferenceCall(null, [1], null, [new RequestedOutput("labels", true), new RequestedOutput("scores", true)]);
        var (body, headerLength) = HttpInferenceResponseWriter.Write(Partial, call);
        var n = Assert.IsType<int>(headerLength);
        using var json = JsonDocument.Parse(body.AsMemory(0, n));
        var outputs = json.RootElement.GetProperty("outputs");
        Assert.False(json.RootElement.TryGetProperty("id", out _)); // no id asked, none echoed
        var labelsSize = outputs[0].GetProperty("parameters").GetProperty("binary_data_size").GetInt32();
        Assert.Equal(3 * 4 + "ChirpHissBark".Length, labelsSize);
        Assert.Equal(12, outputs[1].GetProperty("parameters").GetProperty("binary_data_size").GetInt32());
        Assert.False(outputs[1].TryGetProperty("data", out _));
        var binary = body.AsSpan(n);
        Assert.Equal(labelsSize + 12, binary.Length);
        Assert.Equal(5u, BinaryPrimitives.ReadUInt32LittleEndian(binary));
        Assert.Equal("Chirp", Encoding.UTF8.GetString(binary.Slice(4, 5)));
        Assert.Equal(0.7f, BinaryPrimitives.ReadSingleLittleEndian(binary[labelsSize..]));
    }
}
