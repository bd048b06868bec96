using Ensemble.Client.Tests.Docs;
using System.Text.Json;

namespace Ensemble.FrontDoor.Tests.Serving;

/// <summary>The curl example of docs/serving.md, run as written (its host and clip swapped for the test's) against a silo.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class DocsCurlExampleTests(HttpSilo silo)
{
    private const string Marker = "<!-- curl example: tests/FrontDoor.Tests/Serving/DocsCurlExampleTests runs this block -->";
    private const string DocsHost = "localhost:8000";
    private const string DocsClip = "samples/test/01092176.wav";

    [Fact]
    public async Task The_documented_curl_request_answers_the_ensembles_scores()
    {
        var script = await ServingDocsBlock.AfterAsync(Marker);
        Assert.Contains(DocsHost, script, StringComparison.Ordinal);
        Assert.Contains(DocsClip, script, StringComparison.Ordinal);
        var clip = silo.Run.Clips()[1];
        script = script.Replace(DocsHost, $"127.0.0.1:{silo.HttpPort}", StringComparison.Ordinal).Replace(DocsClip, clip, StringComparison.Ordinal);

        var folder = Directory.CreateTempSubdirectory("ensemble-curl-");
        try
        {
            using var json = JsonDocument.Parse(await ServingDocsBlock.RunAsync(script, folder.FullName, "curl example"));
            new OpenInferenceHttpTests(silo).AssertEqualsDirect(clip, OpenInferenceHttpTests.Outputs(json.RootElement));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
