using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// A fresh app on a real port and Debian's Chromium driven by Playwright (no browser is downloaded),
/// for each browser test. With ANSINH_BROWSER_SHOTS set, the last page is kept as a picture.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private TestApp? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IPage? _page;

    /// <summary>Wait only until the navigation commits; the assertions that follow wait for what they need.</summary>
    protected static readonly PageWaitForURLOptions Committed = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>People of the demo province seeded before the test (0: an empty register).</summary>
    protected virtual int DemoPeople => 0;

    /// <summary>The app under test (to read what a page should show).</summary>
    protected TestApp App => _app!;

    public async Task InitializeAsync()
    {
        if (!Lanes.ChromiumAvailable && !Lanes.Required)
        {
            return;
        }
        _app = TestApp.ForBrowser(DemoPeople);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Lanes.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_page is not null && Environment.GetEnvironmentVariable("ANSINH_BROWSER_SHOTS") is { } dir)
        {
            Directory.CreateDirectory(dir);
            var name = $"{GetType().Name}-{DateTime.UtcNow:HHmmssfff}";
            await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
            await File.WriteAllTextAsync(Path.Combine(dir, name + ".url"), _page.Url);
        }
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    protected async Task<IPage> NewPageAsync() =>
        _page = await _browser!.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = _app!.ClientOptions.BaseAddress.ToString().TrimEnd('/'),
            Locale = "vi-VN",
        });

    /// <summary>An API client of the same app, signed in as the administrator (to prepare data).</summary>
    protected Task<HttpClient> AdminApiAsync() => _app!.AdminAsync();

    /// <summary>
    /// A second user of the same app (the one who prepares does not approve): made by the
    /// administrator through the API; returns the user name.
    /// </summary>
    protected async Task<string> SecondUserAsync(string role, string? scope)
    {
        using var admin = await _app!.AdminAsync();
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        var r = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(admin, "/api/users", new { userName = name, password = SecondUserPassword, role, scopeUnitCode = scope });
        r.EnsureSuccessStatusCode();
        return name;
    }

    private const string SecondUserPassword = "Pass-word-123";

    /// <summary>A page of its own browser context (its own cookies), signed in as a user made by <see cref="SecondUserAsync"/>.</summary>
    protected async Task<IPage> PageAsAsync(string userName)
    {
        var page = await _browser!.NewPageAsync(new BrowserNewPageOptions
        {
            BaseURL = _app!.ClientOptions.BaseAddress.ToString().TrimEnd('/'),
            Locale = "vi-VN",
        });
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", userName);
        await page.FillAsync("#password", SecondUserPassword);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), Committed);
        return page;
    }

    /// <summary>
    /// Clicks a button of an irreversible action, waits for the confirmation dialog (its sentence
    /// containing <paramref name="says"/> when given) and confirms it.
    /// </summary>
    protected static async Task ConfirmAsync(IPage page, string selector, string? says = null) =>
        await ConfirmAsync(page, page.Locator(selector), says);

    protected static async Task ConfirmAsync(IPage page, ILocator button, string? says = null)
    {
        await button.ClickAsync();
        var dialog = page.Locator("#confirm-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        if (says is not null)
        {
            await Assertions.Expect(dialog.Locator("#confirm-text")).ToContainTextAsync(says);
        }
        await dialog.Locator("#confirm-ok").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    /// <summary>Clicks a button of an irreversible action, reads the dialog's sentence and cancels it.</summary>
    protected static async Task CancelAsync(IPage page, string selector, string says)
    {
        await page.Locator(selector).ClickAsync();
        var dialog = page.Locator("#confirm-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("#confirm-text")).ToContainTextAsync(says);
        await Assertions.Expect(dialog.Locator("#confirm-cancel")).ToBeFocusedAsync();
        await dialog.Locator("#confirm-cancel").ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    protected static async Task SignInAsAdminAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", TestApp.AdminPassword);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), Committed);
    }
}
