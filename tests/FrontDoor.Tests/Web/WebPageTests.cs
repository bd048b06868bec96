using System.Net;
using System.Text;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Ensemble.Cli.Tests.Serving;
using Ensemble.FrontDoor.Tests.Serving;
using Microsoft.Playwright;

namespace Ensemble.FrontDoor.Tests.Web;

/// <summary>The web page end to end in headless Chromium against the shared in-process silo: a clip chosen with the
/// keyboard shows the HTTP API's top tags and a waterfall bar per model; a non-WAV shows the server's 400 message; a
/// deadline's partial answer names the model left out; a 429 is shown as overload; axe-core finds no accessibility violation. Plus the page's files and config on the HTTP port.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class WebPageTests(HttpSilo silo, Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G'];

    [Fact]
    public async Task The_page_its_assets_and_its_config_are_served_on_the_http_port_only()
    {
        foreach (var path in new[] { "/", "/ui" })
        {
            var page = await silo.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("id=\"file-input\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal("text/javascript", (await silo.Http.GetAsync("/ui/page.js")).Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/css", (await silo.Http.GetAsync("/ui/page.css")).Content.Headers.ContentType?.MediaType);

        using var config = JsonDocument.Parse(await silo.Http.GetStringAsync("/ui/config.json"));
        Assert.Equal("/v2/models/ensemble/infer", config.RootElement.GetProperty("infer_path").GetString());
        Assert.Equal($"http://127.0.0.1:{silo.MetricsPort}/metrics", config.RootElement.GetProperty("metrics").GetString());
        Assert.False(config.RootElement.TryGetProperty("dashboard", out _)); // this silo has no dashboard port

        using var metricsPort = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{silo.MetricsPort}") };
        Assert.Equal(HttpStatusCode.NotFound, (await metricsPort.GetAsync("/ui")).StatusCode);
    }

    [Fact]
    public async Task A_clip_put_in_the_file_input_the_keyboard_reaches_shows_the_apis_top_tags_and_a_waterfall_bar_per_model()
    {
        var clip = silo.Run.Clips()[1];
        var (expectedLabels, expectedScores) = await ApiTopAsync(clip);
        var (page, errors) = await chromium.NewPageAsync();
        await OpenAsync(page);
        Assert.Equal($"http://127.0.0.1:{silo.MetricsPort}/metrics", await page.GetByRole(AriaRole.Link, new() { Name = "metrics" }).GetAttributeAsync("href"));
        Assert.Contains("--dashboard-port", await page.Locator("#dashboard-link").TextContentAsync(), StringComparison.Ordinal);

        // Keyboard only: Tab to the file input, open its chooser with Space.
        for (var i = 0; i < 10 && await page.EvaluateAsync<string>("document.activeElement.id") != "file-input"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("file-input", await page.EvaluateAsync<string>("document.activeElement.id"));
        // What Space then does (open the chooser) is Chromium's; waiting for its event flaked on a loaded machine (90 s
        // timeout in a full run), so the file goes into the focused input directly.
        await page.Locator("#file-input").SetInputFilesAsync(clip);
        await page.WaitForSelectorAsync("body[data-state=done]");

        var shown = await page.Locator("#tags li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.label)");
        Assert.Equal(expectedLabels, shown);
        var scores = await page.Locator("#tags .tag-score").AllTextContentsAsync();
        // Three decimals on the page: equal to the API's score within the rounding (JS and .NET may round a tie apart).
        Assert.Equal(expectedScores.Length, scores.Count);
        foreach (var (score, text) in expectedScores.Zip(scores))
            Assert.Equal(score, double.Parse(text, System.Globalization.CultureInfo.InvariantCulture), 0.0006);
        Assert.True(await page.Locator("#partial").IsHiddenAsync());

        var models = await page.Locator(".row[data-kind=model] .row-name").EvaluateAllAsync<string[]>("names => names.map(n => n.firstChild.textContent)");
        Assert.Equal(silo.Run.Manifest.Models.Select(m => m.Id).Order(StringComparer.Ordinal), models);
        Assert.Equal(models.Length, await page.Locator(".row[data-kind=model] .bar.compute").CountAsync());
        Assert.Equal(models.Length, await page.Locator(".row[data-kind=model] .bar.queue").CountAsync());
        Assert.Equal(1, await page.Locator(".row[data-kind=features] .bar.features").CountAsync());
        Assert.Equal(1, await page.Locator(".row[data-kind=blend] .bar.blend").CountAsync());
        Assert.Matches(@"compute \d+(\.\d+)? ms", await page.Locator(".row[data-kind=model] .bar-label").First.TextContentAsync());

        var screenshot = Path.Combine(AppContext.BaseDirectory, "web-page-test.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.Equal(PngSignature, File.ReadAllBytes(screenshot).Take(PngSignature.Length).ToArray());
        await AssertAccessibleAsync(page);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task With_a_deadline_a_failing_model_is_shown_as_left_out_of_a_partial_answer()
    {
        var failing = silo.Run.Manifest.Models[1].Id;
        var (page, errors) = await chromium.NewPageAsync();
        await OpenAsync(page);
        silo.Runners.Failing = true;
        try
        {
            // Far beyond any forward pass: the answer is partial because the model fails, not because it is late.
            await page.GetByLabel("Deadline in ms (optional)").FillAsync("120000");
            await page.GetByLabel("WAV file").SetInputFilesAsync(silo.Run.Clips()[0]);
            await page.WaitForSelectorAsync("body[data-state=done]");
        }
        finally
        {
            silo.Runners.Failing = false;
        }
        Assert.Contains($"{failing} (failed", await page.Locator("#partial").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#partial").IsVisibleAsync());
        Assert.Equal(silo.Run.Manifest.Models.Count(m => m.Id != failing), await page.Locator(".row[data-kind=model]").CountAsync());
        var missing = page.Locator(".row[data-kind=missing]");
        Assert.Equal(1, await missing.CountAsync());
        Assert.StartsWith(failing, await missing.Locator(".row-name").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("no answer: failed", await missing.Locator(".bar-label").TextContentAsync());
        Assert.Equal(UntrainedRun.Labels.Length, await page.Locator("#tags li").CountAsync()); // the blend of the others
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_file_that_is_not_a_wav_shows_the_servers_400_message()
    {
        var folder = Directory.CreateTempSubdirectory("ensemble-web-");
        try
        {
            var notWav = Path.Combine(folder.FullName, "notes.wav");
            await File.WriteAllTextAsync(notWav, "these are notes, not audio");
            var message = await ApiErrorAsync(notWav, HttpStatusCode.BadRequest);
            var (page, errors) = await chromium.NewPageAsync();
            await OpenAsync(page);
            await page.GetByLabel("WAV file").SetInputFilesAsync(notWav);
            await page.WaitForSelectorAsync("body[data-state=error]");
            var shown = await page.GetByRole(AriaRole.Alert).TextContentAsync();
            Assert.Contains("400 Bad Request", shown, StringComparison.Ordinal);
            Assert.Contains(message, shown, StringComparison.Ordinal);
            Assert.True(await page.Locator("#result").IsHiddenAsync());
            await AssertAccessibleAsync(page);
            Assert.Empty(errors);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_overloaded_answer_is_shown_as_overload_with_the_servers_message()
    {
        // The server's own 429 (a full model queue) is OpenInferenceHttpTests'; here the page meets that answer as the
        // protocol writes it, without holding the shared silo's models.
        const string message = "model grain v/m/0 is overloaded: 1 requests queued";
        var (page, errors) = await chromium.NewPageAsync();
        await page.RouteAsync("**/v2/models/ensemble/infer", route => route.FulfillAsync(new()
        {
            Status = 429,
            ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { error = message }),
        }));
        await OpenAsync(page);
        await page.GetByLabel("WAV file").SetInputFilesAsync(silo.Run.Clips()[0]);
        await page.WaitForSelectorAsync("body[data-state=error]");
        var shown = await page.GetByRole(AriaRole.Alert).TextContentAsync();
        Assert.Contains("overloaded (429 Too Many Requests)", shown, StringComparison.Ordinal);
        Assert.Contains(message, shown, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    /// <summary>axe-core's rules (labels, contrast, roles, landmarks...) find nothing on the page as it stands.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        Assert.NotEmpty(axe.Passes); // the rules ran (and some held), not an empty audit
        Assert.True(axe.Violations.Length == 0, string.Join("; ", axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }

    private async Task OpenAsync(IPage page)
    {
        await page.GotoAsync($"http://127.0.0.1:{silo.HttpPort}/");
        await page.WaitForSelectorAsync("body[data-state=idle]");
    }

    /// <summary>The top tags (at most the page's ten) the HTTP API answers for <paramref name="clip"/>.</summary>
    private async Task<(string[] Labels, float[] Scores)> ApiTopAsync(string clip)
    {
        using var content = new StringContent(Serving.OpenInferenceHttpTests.JsonRequest(clip), Encoding.UTF8, "application/json");
        var response = await silo.Http.PostAsync("/v2/models/ensemble/infer", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var (scores, labels) = Serving.OpenInferenceHttpTests.Outputs(json.RootElement);
        return (labels.Take(10).ToArray(), scores.Take(10).ToArray());
    }

    private async Task<string> ApiErrorAsync(string file, HttpStatusCode expected)
    {
        using var content = new StringContent(Serving.OpenInferenceHttpTests.JsonRequest(file, id: Path.GetFileName(file)), Encoding.UTF8, "application/json");
        var response = await silo.Http.PostAsync("/v2/models/ensemble/infer", content);
        Assert.Equal(expected, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }
}
