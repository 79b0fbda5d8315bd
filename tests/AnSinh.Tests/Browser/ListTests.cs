using System.Net.Http.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// The officer's lists (issue #19), on a desktop (1366 px) and a phone (390 px): a click on a column header
/// sorts the households (and a second click turns the order round), the page size is chosen, an applied
/// filter is shown as a chip that removes it, and the export link carries the filters and the sort.
/// </summary>
public sealed class ListTests : BrowserTest
{
    private const string Commune = "00004";

    [LaneFact("browser")]
    public async Task An_officer_sorts_the_households_by_a_header_changes_the_page_size_and_removes_a_filter()
    {
        using var admin = await AdminApiAsync();
        var token = TestData.Unique("Danhsach");
        var heads = new[] { $"Vũ {token} An", $"Vũ {token} Bình", $"Vũ {token} Cường" };
        foreach (var head in heads)
        {
            (await admin.PostAsJsonAsync("/api/households", TestData.Household(Commune, head))).EnsureSuccessStatusCode();
        }
        var page = await PageAsAsync(await SecondUserAsync("officer", "01"));
        foreach (var (width, height) in new[] { (1366, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.GotoAsync($"/households?communeCode={Commune}&q={Uri.EscapeDataString(token.ToLowerInvariant())}");
            await Assertions.Expect(page.Locator("#total")).ToHaveTextAsync("3 hộ");
            var headCells = page.Locator("#households tbody tr td:nth-child(3)");

            var header = page.Locator("#households th", new() { HasText = "Chủ hộ" });
            await Assertions.Expect(header).Not.ToHaveAttributeAsync("aria-sort", new System.Text.RegularExpressions.Regex("."));
            await header.Locator("a").ClickAsync();
            await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
            await Assertions.Expect(headCells).ToHaveTextAsync(heads);
            await header.Locator("a").ClickAsync();
            await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
            await Assertions.Expect(headCells).ToHaveTextAsync(heads.Reverse().ToArray());
            await Assertions.Expect(header).ToContainTextAsync("▼");
            Assert.Contains("sort=head&dir=desc", await page.Locator("#export").GetAttributeAsync("href"), StringComparison.Ordinal);

            await page.SelectOptionAsync("#pageSize", "20");
            await page.WaitForURLAsync(u => u.Contains("pageSize=20", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("#pageSize")).ToHaveValueAsync("20");
            await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
            await Assertions.Expect(headCells).ToHaveTextAsync(heads.Reverse().ToArray());

            var chip = page.Locator(".chips .chip", new() { HasText = "Tìm: " + token.ToLowerInvariant() });
            await Assertions.Expect(chip).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".chips .chip", new() { HasText = "Xã: " + Commune })).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"));
            if (Environment.GetEnvironmentVariable("ANSINH_BROWSER_SHOTS") is { } dir)
            {
                Directory.CreateDirectory(dir);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, $"lists-households-{width}.png"), FullPage = true });
            }
            await chip.ClickAsync();
            await page.WaitForURLAsync(u => !u.Contains("q=", StringComparison.Ordinal));
            await Assertions.Expect(page.Locator("#q")).ToHaveValueAsync("");
            await Assertions.Expect(page.Locator(".chips .chip", new() { HasText = "Tìm:" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#pageSize")).ToHaveValueAsync("20");
            await Assertions.Expect(page.Locator(".chips .chip", new() { HasText = "Xã: " + Commune })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#households th[aria-sort=descending]")).ToContainTextAsync("Chủ hộ");
        }
    }
}
