using System.Buffers.Binary;
using System.Text;
using Ensemble.FrontDoor.Http;
using Ensemble.FrontDoor.OpenInference;

namespace Ensemble.FrontDoor.Tests.Http;

/// <summary>The request shapes of the protocol's examples (KServe required_api.md, Triton's binary data extension), with this model's input.</summary>
public sealed class HttpInferenceRequestReaderTests
{
    private static readonly byte[] Wav = [(byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, 250];

    [Fact]
    public void A_json_request_carries_the_wav_as_base64_and_echoes_the_id()
    {
        // The spec's JSON example (id "42", explicit outputs), with the one audio input.
        var json = $$"""
            {
              "id" : "42",
              "inputs" : [
                { "name" : "audio", "shape" : [ 1 ], "datatype" : "BYTES", "parameters" : { "content_type" : "base64" }, "data" : [ "{{Convert.ToBase64String(Wav)}}" ] }
              ],
              "outputs" : [ { "name" : "scores" } ]
            }
            """;
        var call = HttpInferenceRequestReader.Read(Encoding.UTF8.GetBytes(json), null);
        Assert.Equal("42", call.Id);
        Assert.Equal(Wav, call.Wav);
        Assert.Null(call.DeadlineMs);
        Assert.Equal([new RequestedOutput("scores", false)], call.Outputs);
    }

    [Fact]
    public void Without_outputs_both_come_back_and_binary_data_output_applies_to_all()
    {
        var json = $$"""{"parameters": {"binary_data_output": true, "timeout": 1500000}, "inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "parameters": {"content_type": "base64"}, "data": [["{{Convert.ToBase64String(Wav)}}"]]}]}""";
        var call = HttpInferenceRequestReader.Read(Encoding.UTF8.GetBytes(json), null);
        Assert.Equal([new RequestedOutput("scores", true), new RequestedOutput("labels", true)], call.Outputs);
        Assert.Equal(1500, call.DeadlineMs); // Triton's timeout parameter is in microseconds
    }

    [Fact]
    public void A_binary_request_follows_its_json_header_with_a_length_prefixed_bytes_element()
    {
        // The extension's example: the JSON of Inference-Header-Content-Length bytes, then the tensors' bytes.
        var header = Encoding.UTF8.GetBytes($$"""
            { "inputs" : [ { "name" : "audio", "shape" : [ 1 ], "datatype" : "BYTES", "parameters" : { "binary_data_size" : {{4 + Wav.Length}} } } ],
              "outputs" : [ { "name" : "scores", "parameters" : { "binary_data" : true } }, { "name" : "labels" } ] }
            """);
        var body = header.Concat(LengthPrefixed(Wav)).ToArray();
        var call = HttpInferenceRequestReader.Read(body, header.Length);
        Assert.Equal(Wav, call.Wav);
        Assert.Equal([new RequestedOutput("scores", true), new RequestedOutput("labels", false)], call.Outputs);
    }

    [Fact]
    public void The_specs_own_example_request_is_refused_naming_what_this_model_expects()
    {
        // Verbatim from required_api.md: two inputs (UINT32 and BOOL) and output0: not this model's signature.
        const string example = """
            { "id" : "42", "inputs" : [ { "name" : "input0", "shape" : [ 2, 2 ], "datatype" : "UINT32", "data" : [ 1, 2, 3, 4 ] },
              { "name" : "input1", "shape" : [ 3 ], "datatype" : "BOOL", "data" : [ true ] } ], "outputs" : [ { "name" : "output0" } ] }
            """;
        Assert.Contains("2 inputs", Assert.Throws<InferenceRequestException>(() => HttpInferenceRequestReader.Read(Encoding.UTF8.GetBytes(example), null)).Message);
    }

    [Theory]
    [InlineData("""{"inputs": [{"name": "input0", "shape": [1], "datatype": "BYTES", "data": ["x"]}]}""", "unknown input 'input0'")]
    [InlineData("""{"inputs": [{"name": "audio", "shape": [1], "datatype": "FP32", "data": [1.0]}]}""", "datatype 'FP32'")]
    [InlineData("""{"inputs": [{"name": "audio", "shape": [2], "datatype": "BYTES", "data": ["x", "y"]}]}""", "shape [2]")]
    [InlineData("""{"inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "data": ["UklGRg=="]}]}""", "base64")]
    [InlineData("""{"inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "parameters": {"content_type": "base64"}, "data": ["not base64!"]}]}""", "not valid base64")]
    [InlineData("""{"parameters": {"timeout": 0}, "inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "parameters": {"content_type": "base64"}, "data": ["UklGRg=="]}]}""", "timeout")]
    [InlineData("""{"inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "parameters": {"content_type": "base64"}, "data": ["UklGRg=="]}], "outputs": [{"name": "output0"}]}""", "unknown output 'output0'")]
    [InlineData("""{"inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "parameters": {"binary_data_size": 8}}]}""", "no Inference-Header-Content-Length")]
    [InlineData("not json", "not an inference request JSON object")]
    public void Bad_requests_are_refused_naming_the_problem(string json, string problem) =>
        Assert.Contains(problem, Assert.Throws<InferenceRequestException>(() => HttpInferenceRequestReader.Read(Encoding.UTF8.GetBytes(json), null)).Message, StringComparison.Ordinal);

    [Fact]
    public void Binary_sizes_that_disagree_with_the_body_are_refused()
    {
        var header = Encoding.UTF8.GetBytes("""{"inputs": [{"name": "audio", "shape": [1], "datatype": "BYTES", "parameters": {"binary_data_size": 13}}]}""");
        var body = header.Concat(LengthPrefixed(Wav)).Concat(new byte[] { 9 }).ToArray(); // one byte too many
        Assert.Contains("binary_data_size", Assert.Throws<InferenceRequestException>(() => HttpInferenceRequestReader.Read(body, header.Length)).Message, StringComparison.Ordinal);
        Assert.Contains("does not fit", Assert.Throws<InferenceRequestException>(() => HttpInferenceRequestReader.Read(body, body.Length + 1)).Message, StringComparison.Ordinal);
    }

    internal static byte[] LengthPrefixed(byte[] element)
    {
        var bytes = new byte[4 + element.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)element.Length);
        element.CopyTo(bytes, 4);
        return bytes;
    }
}
