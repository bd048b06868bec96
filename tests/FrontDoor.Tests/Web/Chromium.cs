using Microsoft.Playwright;

namespace Ensemble.FrontDoor.Tests.Web;

/// <summary>Headless Debian chromium (scripts/ensure-deps.sh --tests installs it) driven through Playwright's node
/// driver, which ships inside the NuGet package: no browser or driver is downloaded. One browser per test class.</summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Generous: two cores shared with a build, and the first request of a class warms its model grains.</summary>
    public const float TimeoutMs = 90_000;

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: the web page tests need Debian's chromium (scripts/ensure-deps.sh --tests installs it)");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Chromium's sandbox refuses to start as root (CI runs as root); the pages it opens are the test's own.
            // Containers often give /dev/shm only 64 MB, where Chromium's renderers crash: use /tmp instead.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh page (its own context) with the tests' timeout; it records the page's uncaught script errors
    /// (not console errors: Chromium logs every 4xx answer there, and the tests cause some on purpose).</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 1000 } });
        context.SetDefaultTimeout(TimeoutMs);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        return (page, errors);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
