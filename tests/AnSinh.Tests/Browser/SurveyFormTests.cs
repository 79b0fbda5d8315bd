using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

/// <summary>
/// The survey form (phiếu B) of a review round: a refused form keeps every value typed and every
/// indicator ticked; the register's proposals are shown and ticked before anything is saved.
/// </summary>
public sealed class SurveyFormTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task A_refused_survey_keeps_the_ticks_and_the_register_proposes_before_saving()
    {
        using var admin = await AdminApiAsync();
        // One person aged 76 in 6 m²: a dependant, and under 8 m² a person.
        var created = await admin.PostAsJsonAsync("/api/households", new
        {
            communeCode = "00004",
            village = "",
            address = "Số 3, ngõ Chùa",
            members = new object[] { new { fullName = "Lò Thị Khảo", sex = "female", birthDate = "1950-03-02", nationalId = TestData.NationalId(false, 1950), ethnicity = "Thái", relationship = "head" } },
        });
        created.EnsureSuccessStatusCode();
        var household = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var code = (await (await admin.GetAsync($"/api/households/{household}")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        var opened = await admin.PostAsJsonAsync("/api/poverty/rounds", new { communeCode = "00004", kind = "regular", startedOn = "2026-09-15" });
        opened.EnsureSuccessStatusCode();
        var round = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync($"/api/poverty/rounds/{round}/requests", new { requests = new object[] { new { householdId = household, formAPassed = true } } })).EnsureSuccessStatusCode();

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        foreach (var width in new[] { 1366, 390 })
        {
            await page.SetViewportSizeAsync(width, width == 390 ? 844 : 900);
            await page.GotoAsync($"/poverty/rounds/{round}");

            // A code that is not in the round: refused, the ticks and the area stay.
            await page.FillAsync("#s-code", "KHONG-CO");
            await page.FillAsync("#s-area", "6");
            await page.CheckAsync("#s-d-water");
            await page.CheckAsync("#s-d-sanitation");
            await page.ClickAsync("#survey");
            await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("Không có hộ mã KHONG-CO");
            await Assertions.Expect(page.Locator("#s-d-water")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#s-d-sanitation")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#s-d-telecom")).Not.ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#s-code")).ToHaveValueAsync("KHONG-CO");
            await Assertions.Expect(page.Locator("#s-area")).ToHaveValueAsync("6");

            // The register's proposals, in words, ticked beside what the officer ticked; nothing saved.
            await page.FillAsync("#s-code", code!);
            await page.ClickAsync("#propose");
            await Assertions.Expect(page.Locator("#proposals")).ToContainTextAsync("Diện tích nhà ở bình quân đầu người: thiếu hụt");
            await Assertions.Expect(page.Locator("#proposals")).ToContainTextAsync("Người phụ thuộc trong hộ: thiếu hụt");
            await Assertions.Expect(page.Locator("#s-d-housing_area")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#s-d-dependants")).ToBeCheckedAsync();
            await Assertions.Expect(page.Locator("#s-d-water")).ToBeCheckedAsync();
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"sideways scroll at {width} px");
            var row = await (await admin.GetAsync($"/api/poverty/rounds/{round}/households")).Content.ReadAsStringAsync();
            Assert.DoesNotContain("\"surveyedOn\":\"", row, StringComparison.Ordinal);
        }

        // Saved with the ticks: four deprivations (water, sanitation, floor area, dependants).
        await page.FillAsync("#s-date", "2026-09-16");
        await page.FillAsync("#s-income", "1400000");
        await page.ClickAsync("#survey");
        await Assertions.Expect(page.Locator(".ok")).ToContainTextAsync($"Hộ {code}");
        var saved = await (await admin.GetAsync($"/api/poverty/rounds/{round}/households")).Content.ReadAsStringAsync();
        Assert.Contains("\"surveyedOn\":\"", saved, StringComparison.Ordinal);
        // A saved form starts empty for the next household.
        await Assertions.Expect(page.Locator("#s-d-water")).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#s-code")).ToHaveValueAsync("");
    }
}
