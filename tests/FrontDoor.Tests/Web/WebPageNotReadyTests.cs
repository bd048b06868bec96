using System.Net;
using System.Text;
using System.Text.Json;
using Ensemble.Cli.Tests.Serving;
using Ensemble.FrontDoor.Tests.Serving;
using Ensemble.Grains.Inference;
using Microsoft.Extensions.Hosting;

namespace Ensemble.FrontDoor.Tests.Web;

/// <summary>A silo with no manifest active answers the page's clip with a real 503; the page says the silo is not
/// ready, with the server's message. The clip arrives by the drop zone (a drop event carrying the file), the path a
/// mouse user takes. Its own silo, in the HTTP collection so that it never runs beside the shared one.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class WebPageNotReadyTests(Chromium chromium) : IClassFixture<Chromium>
{
    private const string DropScript = """
        (zone, file) => {
          const bytes = Uint8Array.from(atob(file.base64), c => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], file.name, { type: 'audio/wav' }));
          zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
        }
        """;

    [Fact]
    public async Task A_clip_dropped_on_a_silo_without_a_manifest_shows_not_ready_with_the_servers_message()
    {
        using var run = new UntrainedRun(models: 1, clips: 1);
        var (host, port, _, _) = HttpSilo.Build(runPath: null, new ServingModelRunnerFactory());
        using var _ = host;
        await host.StartAsync();
        try
        {
            var clip = run.Clips()[0];
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var request = new StringContent(OpenInferenceHttpTests.JsonRequest(clip, id: Path.GetFileName(clip)), Encoding.UTF8, "application/json");
            var answer = await http.PostAsync("/v2/models/ensemble/infer", request);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            using var error = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            var message = error.RootElement.GetProperty("error").GetString()!;

            var (page, errors) = await chromium.NewPageAsync();
            await page.GotoAsync($"http://127.0.0.1:{port}/ui");
            await page.WaitForSelectorAsync("body[data-state=idle]");
            await page.Locator("#drop-zone").EvaluateAsync(DropScript, new { name = Path.GetFileName(clip), base64 = Convert.ToBase64String(await File.ReadAllBytesAsync(clip)) });
            await page.WaitForSelectorAsync("body[data-state=error]");
            var shown = await page.Locator("#error").TextContentAsync();
            Assert.Contains("not ready (503 Service Unavailable)", shown, StringComparison.Ordinal);
            Assert.Contains(message, shown, StringComparison.Ordinal);
            Assert.Empty(errors);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
