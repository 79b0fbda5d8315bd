using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

public sealed class PovertyReviewJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_runs_a_review_round_to_its_decision_and_reads_the_rates()
    {
        var api = await AdminApiAsync();
        (await api.PostAsJsonAsync("/api/admin-units/01363/villages", new { name = "Bản Khuổi" })).EnsureSuccessStatusCode();
        var codes = new List<string>();
        foreach (var head in new[] { "Nông Văn Một", "Hoàng Thị Hai" })
        {
            var r = await api.PostAsJsonAsync("/api/households", new
            {
                communeCode = "01363",
                village = "Bản Khuổi",
                address = "Bản Khuổi",
                date = "2025-08-01",
                members = new[] { new { fullName = head, sex = "male", birthDate = "1970-01-01", nationalId = TestData.NationalId(true, 1970), ethnicity = "Tày", relationship = "head" } },
            });
            r.EnsureSuccessStatusCode();
            codes.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!);
        }

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/poverty/rounds");
        await page.FillAsync("#r-commune", "01363");
        await page.SelectOptionAsync("#r-kind", "regular");
        await page.FillAsync("#r-start", "2025-09-15");
        await page.ClickAsync("#open-round");
        await page.WaitForURLAsync(url => url.Contains("/poverty/rounds/", StringComparison.Ordinal), Committed);
        await Assertions.Expect(page.Locator("#round-stage")).ToHaveAttributeAsync("data-stage", "listing");

        foreach (var code in codes)
        {
            await page.FillAsync("#q-code", code);
            await page.ClickAsync("#add-request");
            await Assertions.Expect(page.Locator($"#round-households tr[data-code='{code}']")).ToBeVisibleAsync();
        }

        await page.FillAsync("#s-code", codes[0]);
        await page.FillAsync("#s-date", "2025-09-16");
        await page.FillAsync("#s-income", "1200000");
        await page.CheckAsync("#s-d-water");
        await page.CheckAsync("#s-d-sanitation");
        await page.CheckAsync("#s-d-telecom");
        await page.ClickAsync("#survey");
        await Assertions.Expect(page.Locator("#round-message")).ToContainTextAsync("Hộ nghèo");
        await page.FillAsync("#s-code", codes[1]);
        await page.FillAsync("#s-date", "2025-09-16");
        await page.FillAsync("#s-income", "1400000");
        await page.CheckAsync("#s-d-water");
        await page.ClickAsync("#survey");
        await Assertions.Expect(page.Locator("#round-message")).ToContainTextAsync("Hộ cận nghèo");

        // Posting before any meeting is refused with the reason.
        await page.FillAsync("#p-start", "2025-09-19");
        await ConfirmAsync(page, "#posting");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("họp");

        await page.FillAsync("#m-date", "2025-09-18");
        await page.FillAsync("#m-att", "12");
        await page.FillAsync("#m-agree", "9");
        await page.FillAsync("#m-minutes", "Biên bản số 3");
        await page.ClickAsync("#meeting");
        await Assertions.Expect(page.Locator("#meetings")).ToContainTextAsync("9/12");
        // The signed minutes, scanned as a PDF, attached to the meeting.
        await page.Locator("#meetings input[type=file]").First.SetInputFilesAsync(new FilePayload { Name = "bien-ban-3.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await page.Locator("#meetings .minutes-upload").First.ClickAsync();
        await Assertions.Expect(page.Locator("#meetings a.minutes-file")).ToHaveTextAsync("bien-ban-3.pdf");

        await page.FillAsync("#p-start", "2025-09-19");
        await ConfirmAsync(page, "#posting");
        await Assertions.Expect(page.Locator("#posting-period")).ToContainTextAsync("23/09/2025");

        // The administrator opened the round and does not decide it; the chairperson does, on their own page.
        await page.FillAsync("#d-number", "21/QĐ-UBND");
        await page.FillAsync("#d-date", "2025-09-24");
        await ConfirmAsync(page, "#decide");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("không được tự phê duyệt");
        var chair = await PageAsAsync(await SecondUserAsync("approver", "01363"));
        await chair.GotoAsync(page.Url);
        await chair.FillAsync("#d-number", "21/QĐ-UBND");
        await chair.FillAsync("#d-date", "2025-09-24");
        // The chairperson reads that deciding freezes the round, cancels, and nothing is decided.
        await CancelAsync(chair, "#decide", "2 hộ trong đợt, 2 hộ đã phân loại. Sau khi quyết định, đợt bị khóa");
        await chair.GotoAsync(chair.Url);
        await Assertions.Expect(chair.Locator("#round-stage")).Not.ToHaveAttributeAsync("data-stage", "decided");
        await chair.FillAsync("#d-number", "21/QĐ-UBND");
        await chair.FillAsync("#d-date", "2025-09-24");
        await ConfirmAsync(chair, "#decide", "Ra quyết định công nhận kết quả đợt rà soát");
        await Assertions.Expect(chair.Locator("#round-stage")).ToHaveAttributeAsync("data-stage", "decided");
        await page.GotoAsync(page.Url);
        await Assertions.Expect(page.Locator("#round-stage")).ToHaveAttributeAsync("data-stage", "decided");
        await Assertions.Expect(page.Locator($"#round-households tr[data-code='{codes[0]}'] .result")).ToHaveTextAsync("poor");

        await page.GotoAsync("/poverty/statistics?unitCode=01363&date=2025-10-01");
        await Assertions.Expect(page.Locator("#st-total")).ToHaveAttributeAsync("data-poor", "1");
        await Assertions.Expect(page.Locator("#st-total")).ToHaveAttributeAsync("data-near-poor", "1");
        await Assertions.Expect(page.Locator("#st-chart")).ToBeVisibleAsync();
        await page.GotoAsync("/poverty/list?unitCode=01363&date=2025-10-01");
        await Assertions.Expect(page.Locator("#poverty-list")).ToContainTextAsync("Nông Văn Một");
    }
}
