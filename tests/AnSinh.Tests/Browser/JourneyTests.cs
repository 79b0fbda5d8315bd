using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// The main journey in a real browser (Debian's Chromium driven by Playwright; no browser is downloaded):
/// sign in, register a household with three members, find it by the head's name typed without
/// diacritics, correct a member, and see the correction in the audit view.
/// </summary>
public sealed class JourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_registers_finds_corrects_and_audits_a_household()
    {
        var page = await NewPageAsync();

        await page.GotoAsync("/households");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal); // signed-out users are sent to sign in
        await page.FillAsync("#userName", "admin");
        await page.FillAsync("#password", TestApp.AdminPassword);
        await page.ClickAsync("#login");
        await page.WaitForURLAsync(url => url.Contains("/households", StringComparison.Ordinal), Committed);

        await page.GotoAsync("/households/new");
        await page.FillAsync("#communeCode", "00004");
        await page.FillAsync("#address", "Số 18, phố Phan Đình Phùng");
        await page.FillAsync("#m0-name", "Nguyễn Văn Thắng");
        await page.FillAsync("#m0-birth", "1968-02-10");
        await page.FillAsync("#m0-id", "001068123456");
        await page.FillAsync("#m1-name", "Phạm Thị Huệ");
        await page.SelectOptionAsync("#m1-sex", "female");
        await page.FillAsync("#m1-birth", "1970");
        await page.SelectOptionAsync("#m1-rel", "spouse");
        await page.FillAsync("#m2-name", "Nguyễn Thị Lan");
        await page.SelectOptionAsync("#m2-sex", "female");
        await page.FillAsync("#m2-birth", "03/1995");
        await page.SelectOptionAsync("#m2-rel", "child");
        await page.ClickAsync("#save");
        await page.WaitForURLAsync(url => url.Contains("created=1", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(3);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "ansinh-household.png"), FullPage = true });

        await page.GotoAsync("/persons");
        await page.FillAsync("#q", "nguyen van thang");
        await page.ClickAsync("#search");
        await page.WaitForURLAsync(url => url.Contains("q=nguyen", StringComparison.Ordinal), Committed);
        var row = page.Locator("#persons tbody tr", new PageLocatorOptions { HasText = "Nguyễn Văn Thắng" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/households/", StringComparison.Ordinal), Committed);

        await page.Locator("#members tbody tr", new() { HasText = "Nguyễn Thị Lan" }).Locator("a", new() { HasText = "Sửa" }).ClickAsync();
        await page.FillAsync("#p-occupation", "Giáo viên");
        await page.FillAsync("#p-reason", "Cập nhật nghề nghiệp");
        await page.ClickAsync("#save-person");
        await page.WaitForURLAsync(url => url.Contains("saved=1", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("Cập nhật nghề nghiệp");

        await page.ClickAsync("#audit-link");
        await page.WaitForURLAsync(url => url.Contains("/audit", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("#audit")).ToContainTextAsync("person.update");
        var audit = await page.Locator("#audit").InnerTextAsync();
        Assert.Contains("person.update", audit, StringComparison.Ordinal);
        Assert.Contains("Giáo viên", audit, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "ansinh-audit.png"), FullPage = true });
    }

    [LaneFact("browser")]
    public async Task An_officer_uploads_a_register_and_watches_the_import_finish()
    {
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);

        var file = Path.Combine(Path.GetTempPath(), $"journey-{Guid.NewGuid():N}.xlsx");
        using (var stream = File.Create(file))
        using (var w = new AnSinh.Platform.Excel.XlsxWriter(stream, "Ho"))
        {
            w.WriteHeader(AnSinh.Registry.Import.ImportTemplate.Headers);
            for (var i = 0; i < 400; i++)
            {
                w.WriteRow(["00004", $"J{i:D4}", "", $"Số {i}", $"Kiều Văn Nhập {i}", "Nam", "1980", null, "Kinh", "Chủ hộ", null, null, null]);
            }
            w.WriteRow(["00004", "J9999", "", "Số 1", "Kiều Văn Lỗi", "Nam", "2099", null, "Kinh", "Chủ hộ", null, null, null]);
        }
        await page.GotoAsync("/import");
        await page.SetInputFilesAsync("#file", file);
        await page.SelectOptionAsync("#mode", "valid_only");
        await page.ClickAsync("#upload");
        await page.WaitForURLAsync(url => url.Contains("/jobs/", StringComparison.Ordinal), Committed);
        // The page polls the job and reloads itself when it ends.
        await page.Locator("#job-status[data-status='succeeded']").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        Assert.Equal("100", await page.Locator("#job-progress").GetAttributeAsync("value"));
        Assert.Contains("Đã ghi 400 hộ", await page.Locator("#job-summary").InnerTextAsync(), StringComparison.Ordinal);
        var errors = await page.Locator("#import-errors").InnerTextAsync();
        Assert.Contains("402", errors, StringComparison.Ordinal); // the row number of the bad row
        Assert.Contains("tương lai", errors, StringComparison.Ordinal);
    }

    [LaneFact("browser")]
    public async Task A_user_classifies_a_household_against_the_standard_of_the_date()
    {
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/poverty");
        await Assertions.Expect(page.Locator("#standards")).ToContainTextAsync("1.500.000");
        // The form-B point table of the next standard is not loaded, and the page says so.
        await Assertions.Expect(page.Locator("#score-tables tr", new() { HasText = "2027-2030" })).ToContainTextAsync("chưa được nạp");
        await page.FillAsync("#c-date", "2026-06-01");
        await page.FillAsync("#c-income", "1400000");
        await page.CheckAsync("#d-water");
        await page.CheckAsync("#d-sanitation");
        await page.CheckAsync("#d-telecom");
        await page.ClickAsync("#classify");
        await page.Locator("#classification").WaitForAsync();
        Assert.Equal("poor", await page.Locator("#classification").GetAttributeAsync("data-class"));
        Assert.Contains("07/2021", await page.Locator("#classification").InnerTextAsync(), StringComparison.Ordinal);
    }
}
