using System.Text.RegularExpressions;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// The inspector's audit view in a real browser: the administrator corrects a household's address,
/// opens the audit, filters by the household's code and reads "Sửa hộ gia đình" with the field's
/// Vietnamese name and the old and new values, at Vietnam's time, with no GUID and no JSON shown.
/// </summary>
public sealed partial class AuditTimelineTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task The_administrator_reads_a_household_correction_in_words_on_a_desktop_and_a_phone()
    {
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.SetViewportSizeAsync(1366, 900);

        await page.GotoAsync("/households/new");
        await page.FillAsync("#communeCode", "00004");
        await page.FillAsync("#address", "Số 5, ngõ Cũ");
        await page.FillAsync("#m0-name", "Đặng Văn Tra");
        await page.FillAsync("#m0-birth", "1971");
        await page.ClickAsync("#save");
        await page.WaitForURLAsync(url => url.Contains("created=1", StringComparison.Ordinal), Committed);
        var title = await page.Locator("h1").InnerTextAsync();
        var code = Regex.Match(title, @"Hộ (\S+)").Groups[1].Value;

        await page.FillAsync("#h-address", "Số 77, phố Mới Sửa");
        await page.FillAsync("#h-reason", "Đổi số nhà");
        await page.ClickAsync("#save-household");
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("Đổi số nhà");

        await page.GotoAsync("/audit");
        await page.FillAsync("#record", $"00004-{code}");
        await page.SelectOptionAsync("#kind", "write");
        await page.ClickAsync("#filter");
        await page.WaitForURLAsync(url => url.Contains("record=", StringComparison.Ordinal), Committed);

        var entry = page.Locator(".timeline-entry", new() { HasText = "Sửa hộ gia đình" });
        await Assertions.Expect(entry).ToHaveCountAsync(1);
        await Assertions.Expect(entry.Locator(".timeline-action")).ToContainTextAsync($"Sửa hộ gia đình HGĐ 00004-{code}");
        await Assertions.Expect(entry.Locator(".timeline-meta")).ToContainTextAsync("admin · Quản trị hệ thống");
        var row = entry.Locator("table.changes tbody tr", new() { HasText = "Địa chỉ" });
        await Assertions.Expect(row.Locator("td.before")).ToHaveTextAsync("Số 5, ngõ Cũ");
        await Assertions.Expect(row.Locator("td.after")).ToHaveTextAsync("Số 77, phố Mới Sửa");
        // Search copies and counters are not shown.
        await Assertions.Expect(entry.Locator("table.changes")).Not.ToContainTextAsync("Version");

        // Vietnam's clock, day first.
        var time = await entry.Locator(".timeline-time").InnerTextAsync();
        Assert.Matches(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$", time.Trim());
        var expected = DateTime.UtcNow.AddHours(7);
        Assert.StartsWith(expected.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), time.Trim());
        Assert.Contains("giờ Việt Nam (UTC+7)", await page.Locator("#audit-total").InnerTextAsync(), StringComparison.Ordinal);

        // Only writes were asked for; the sensitive read of the household is not among them.
        await Assertions.Expect(page.Locator("#audit .badge-read")).ToHaveCountAsync(0);

        var text = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotMatch(GuidText(), text);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC)", text.Replace("(UTC+7)", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // Views only: the sensitive read of the household, with its badge.
        await page.SelectOptionAsync("#kind", "read");
        await page.ClickAsync("#filter");
        await page.WaitForURLAsync(url => url.Contains("kind=read", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("#audit .timeline-entry").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#audit .timeline-entry")).ToHaveCountAsync(await page.Locator("#audit .badge-read").CountAsync());
        await Assertions.Expect(page.Locator("#audit")).Not.ToContainTextAsync("Sửa hộ gia đình");

        await page.SelectOptionAsync("#kind", "write");
        await page.ClickAsync("#filter");
        await page.WaitForURLAsync(url => url.Contains("kind=write", StringComparison.Ordinal), Committed);
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(entry).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"));
        if (Environment.GetEnvironmentVariable("ANSINH_BROWSER_SHOTS") is { } dir)
        {
            Directory.CreateDirectory(dir);
            await page.SetViewportSizeAsync(1366, 900);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "audit-1366.png"), FullPage = true });
            await page.SetViewportSizeAsync(390, 844);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, "audit-390.png"), FullPage = true });
        }
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();
}
