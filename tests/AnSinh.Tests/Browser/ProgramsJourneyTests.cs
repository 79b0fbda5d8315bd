using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>Issue #6 in the browser: a job against a target, a house through its stages with the handover minutes, the report, the public portal. Commune 01318.</summary>
public sealed class ProgramsJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_records_a_job_against_a_target_builds_a_house_and_sees_them_in_the_report_and_on_the_public_portal()
    {
        var api = await AdminApiAsync();
        var hh = await api.PostAsJsonAsync("/api/households", TestData.Household("01318", TestData.Unique("Ma Văn Nhà ")));
        hh.EnsureSuccessStatusCode();
        var code = (await hh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var today = TestData.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-programs");
        await page.FillAsync("#t-unit", "01318");
        await page.SelectOptionAsync("#t-indicator", "jobs_created");
        await page.FillAsync("#t-value", "2");
        await page.ClickAsync("#set-target");
        await Assertions.Expect(page.Locator("#programs-saved")).ToBeVisibleAsync();
        await page.FillAsync("#j-commune", "01318");
        await page.FillAsync("#j-date", today);
        await page.SelectOptionAsync("#j-kind", "job");
        await page.FillAsync("#j-work", "Công ty may Cao Bằng");
        await page.ClickAsync("#add-job");
        await Assertions.Expect(page.Locator("#indicator-result")).ToContainTextAsync("50");
        await Assertions.Expect(page.Locator("#program-records")).ToContainTextAsync("Công ty may Cao Bằng");
        await page.FillAsync("#j-date", "2099-01-01");
        await page.ClickAsync("#add-job");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("tương lai");

        await page.ClickAsync("#nav-housing");
        await page.FillAsync("#h-household", code);
        await page.FillAsync("#h-commune", "01318");
        await page.SelectOptionAsync("#h-programme", "great_unity");
        await page.FillAsync("#h-cost", "60000000");
        await page.ClickAsync("#housing-create");
        await Assertions.Expect(page.Locator("#work-stage")).ToContainTextAsync("Đã lập danh sách");
        foreach (var (stage, name) in new[] { ("approved", "Đã phê duyệt"), ("started", "Đang thi công"), ("completed", "Đã hoàn thành") })
        {
            await page.SelectOptionAsync("#s-stage", stage);
            await page.FillAsync("#s-date", today);
            await page.ClickAsync("#stage-save");
            await Assertions.Expect(page.Locator("#work-stage")).ToContainTextAsync(name);
        }
        await page.SelectOptionAsync("#s-stage", "handed_over");
        await page.ClickAsync("#stage-save");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("biên bản bàn giao");
        await page.SelectOptionAsync("#a-kind", "photo");
        await page.SetInputFilesAsync("#a-file", new FilePayload { Name = "anh.png", MimeType = "image/png", Buffer = "not a picture"u8.ToArray() });
        await page.ClickAsync("#attach");
        await Assertions.Expect(page.Locator("#file-error")).ToContainTextAsync("JPEG hoặc PNG");
        await page.SelectOptionAsync("#a-kind", "handover_minutes");
        await page.SetInputFilesAsync("#a-file", new FilePayload { Name = "bien-ban.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 bien ban ban giao"u8.ToArray() });
        await page.ClickAsync("#attach");
        await Assertions.Expect(page.Locator("#work-files")).ToContainTextAsync("bien-ban.pdf");
        await page.SelectOptionAsync("#s-stage", "handed_over");
        await page.FillAsync("#s-date", today);
        await page.ClickAsync("#stage-save");
        await Assertions.Expect(page.Locator("#work-stage")).ToContainTextAsync("Đã bàn giao");
        await page.SelectOptionAsync("#f-source", "community");
        await page.FillAsync("#f-amount", "15000000");
        await page.ClickAsync("#funding-save");
        await Assertions.Expect(page.Locator("#work-funded")).ToContainTextAsync("15");

        await page.GotoAsync("/reports?unit=01318");
        await Assertions.Expect(page.Locator("#report-title")).ToContainTextAsync("năm");
        await Assertions.Expect(page.Locator("#report-table tr[data-indicator='houses_built'] td.num").First).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("#report-table tr[data-indicator='jobs_created'] td.num").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("50[.,]00"));
        await Assertions.Expect(page.Locator("#chart-targets")).ToBeVisibleAsync();
        await page.ClickAsync("#nav-dashboard");
        await Assertions.Expect(page.Locator("#dashboard-tiles")).ToBeVisibleAsync();

        var visitor = await NewPageAsync();
        await visitor.GotoAsync("/public?commune=01318");
        await Assertions.Expect(visitor.Locator("#pub-figures")).ToContainTextAsync("< 5");
        await Assertions.Expect(visitor.Locator("#pub-figures")).Not.ToContainTextAsync(code);
    }
}
