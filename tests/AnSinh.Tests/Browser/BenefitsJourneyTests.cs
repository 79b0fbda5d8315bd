using System.Net.Http.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AnSinh.Tests.Browser;

public sealed class BenefitsJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_quotes_an_elderly_allowance_and_a_war_invalid_allowance_with_their_legal_basis()
    {
        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-benefits");
        await Assertions.Expect(page.Locator("#base-levels")).ToContainTextAsync("76/2024");

        // Turning 80 on the day: coefficient 2.0 of clause 5.5a at the 500,000 base level.
        await page.FillAsync("#q-date", "2024-08-15");
        await page.FillAsync("#q-birth", "1944-08-15");
        await page.FillAsync("#q-clauses", "5.5a");
        await page.ClickAsync("#quote-assistance");
        await Assertions.Expect(page.Locator("#quote")).ToHaveAttributeAsync("data-amount", "1000000");
        await Assertions.Expect(page.Locator("#quote-explanation")).ToContainTextAsync("80 tuổi");

        // A clause that needs a disability level is refused in Vietnamese.
        await page.FillAsync("#q-clauses", "5.6");
        await page.ClickAsync("#quote-assistance");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("mức độ khuyết tật");

        await page.FillAsync("#m-date", "2025-01-01");
        await page.SelectOptionAsync("#m-category", "war_invalid");
        await page.FillAsync("#m-percent", "100");
        await page.CheckAsync("#m-severe");
        await page.ClickAsync("#quote-merit");
        await Assertions.Expect(page.Locator("#quote")).ToHaveAttributeAsync("data-amount", "11808000");
        await Assertions.Expect(page.Locator("#quote-explanation")).ToContainTextAsync("77/2024");
    }
}

public sealed class BeneficiaryJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_records_an_elderly_beneficiary_by_national_id_and_sees_the_monthly_amount()
    {
        var api = await AdminApiAsync();
        var nationalId = TestData.NationalId(false, 1941);
        var hh = await api.PostAsJsonAsync("/api/households", TestData.Household("01726", "Vi Văn Con",
            new { fullName = "Vi Thị Bà", sex = "female", birthDate = "1941-02-03", nationalId, ethnicity = "Tày", relationship = "parent" }));
        hh.EnsureSuccessStatusCode();

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-beneficiaries");
        await page.FillAsync("#b-nid", nationalId);
        await page.SelectOptionAsync("#b-scheme", "social_assistance");
        await page.FillAsync("#b-clauses", "5.5a");
        await page.FillAsync("#b-decision", "QĐ 7/2025/UBND");
        await page.FillAsync("#b-date", "2025-01-10");
        await page.ClickAsync("#create-beneficiary");
        await Assertions.Expect(page.Locator("#beneficiary-message")).ToContainTextAsync("Vi Thị Bà");
        // Over 80 on today's month: coefficient 2.0 of the base level in force today.
        var quote = await api.PostAsJsonAsync("/api/benefits/social-assistance/quote",
            new { date = TestData.Today.ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture), birthDate = "1941-02-03", clauses = new[] { "5.5a" } });
        var expected = (await quote.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("monthlyAmount").GetInt64();
        await Assertions.Expect(page.Locator("#beneficiaries tr[data-beneficiary='Vi Thị Bà'] td[data-amount]")).ToHaveAttributeAsync("data-amount", expected.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The same person twice is refused in Vietnamese.
        await page.FillAsync("#b-nid", nationalId);
        await page.FillAsync("#b-clauses", "5.5a");
        await page.FillAsync("#b-decision", "QĐ 8/2025/UBND");
        await page.FillAsync("#b-date", "2025-02-10");
        await page.ClickAsync("#create-beneficiary");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("đã đang hưởng");
    }
}

public sealed class PayrollJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task A_commune_payroll_is_computed_approved_and_paid_in_the_browser()
    {
        var api = await AdminApiAsync();
        var nationalId = TestData.NationalId(false, 1941);
        var hh = await api.PostAsJsonAsync("/api/households", TestData.Household("01729", "Hà Văn Đông",
            new { fullName = "Hà Thị Xuân", sex = "female", birthDate = "1941-02-03", nationalId, ethnicity = "Tày", relationship = "parent" }));
        hh.EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/benefits/beneficiaries", new { nationalId, scheme = "social_assistance", clauses = new[] { "5.5a" }, decisionNumber = "QĐ 3/2025", decisionDate = "2025-01-10" }))
            .EnsureSuccessStatusCode();

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-payroll");
        await page.FillAsync("#p-commune", "01729");
        await page.FillAsync("#p-month", "2025-02");
        await page.ClickAsync("#compute-payroll");

        // 84 years old: clause 5.5a at 2.0 × 500,000.
        await Assertions.Expect(page.Locator("#payroll-summary")).ToHaveAttributeAsync("data-status", "draft");
        await Assertions.Expect(page.Locator("#payroll-total")).ToHaveAttributeAsync("data-amount", "1000000");
        await Assertions.Expect(page.Locator("#payroll-lines tr[data-person='Hà Thị Xuân']")).ToContainTextAsync("5.5a");

        // The administrator computed it and does not approve it; the commune's approver does, on their own page.
        await Assertions.Expect(page.Locator("#approve-other")).ToBeVisibleAsync();
        await ConfirmAsync(page, "#approve-payroll");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("không được tự phê duyệt");
        await Assertions.Expect(page.Locator("#payroll-summary")).ToHaveAttributeAsync("data-status", "draft");
        var approver = await PageAsAsync(await SecondUserAsync("approver", "01729"));
        await approver.GotoAsync(page.Url);
        await Assertions.Expect(approver.Locator("#approve-other")).ToHaveCountAsync(0);
        // The approver reads what approving does, with the figures, and may still cancel: nothing changes.
        await CancelAsync(approver, "#approve-payroll", "1 người, 1.000.000 đ. Sau khi phê duyệt, bảng bị khóa");
        await approver.GotoAsync(approver.Url);
        await Assertions.Expect(approver.Locator("#payroll-summary")).ToHaveAttributeAsync("data-status", "draft");
        await ConfirmAsync(approver, "#approve-payroll", "Phê duyệt bảng chi trả tháng 02/2025");
        await Assertions.Expect(approver.Locator("#payroll-summary")).ToHaveAttributeAsync("data-status", "approved");
        await page.GotoAsync(page.Url);
        await Assertions.Expect(page.Locator("#payroll-summary")).ToHaveAttributeAsync("data-status", "approved");
        await ConfirmAsync(page, "#pay-payroll");
        await Assertions.Expect(page.Locator("#payroll-message")).ToContainTextAsync("1.000.000");
        await Assertions.Expect(page.Locator("#payroll-lines tr[data-person='Hà Thị Xuân']")).ToContainTextAsync("cash");

        // The same month cannot be computed again once frozen.
        await page.ClickAsync("#nav-payroll");
        await page.FillAsync("#p-commune", "01729");
        await page.FillAsync("#p-month", "2025-02");
        await page.ClickAsync("#compute-payroll");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("đã được duyệt và khóa");
    }
}

public sealed class HealthCardJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_sees_who_is_entitled_to_a_card_and_issues_the_cards_once()
    {
        var api = await AdminApiAsync();
        var childId = TestData.NationalId(true, 2023);
        var hh = await api.PostAsJsonAsync("/api/households", TestData.Household("01774", "Mùa A Chử",
            new { fullName = "Mùa A Páo", sex = "male", birthDate = "2023-02-03", nationalId = childId, ethnicity = "Mông", relationship = "child" }));
        hh.EnsureSuccessStatusCode();

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-cards");
        await page.FillAsync("#c-commune", "01774");
        await page.ClickAsync("#cards-show");
        await Assertions.Expect(page.Locator("#entitled")).ToContainTextAsync("Mùa A Páo");
        await Assertions.Expect(page.Locator("#entitled")).ToContainTextAsync("trẻ em dưới 6 tuổi");
        await Assertions.Expect(page.Locator("#entitled")).Not.ToContainTextAsync("Mùa A Chử");

        await ConfirmAsync(page, "#issue-cards");
        await Assertions.Expect(page.Locator("#cards-message")).ToContainTextAsync("Đã cấp 1 thẻ");
        await Assertions.Expect(page.Locator("#entitled")).ToContainTextAsync("TE104" + childId);
        await Assertions.Expect(page.Locator("#card-batches")).ToContainTextAsync("01774");

        // Issuing again finds no one left, said in Vietnamese.
        await ConfirmAsync(page, "#issue-cards");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("đều đã có thẻ");
    }
}

public sealed class PresidentGiftJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_draws_the_tet_gift_list_and_records_the_gifts_handed_over()
    {
        var api = await AdminApiAsync();
        var nationalId = TestData.NationalId(true, 1948);
        (await api.PostAsJsonAsync("/api/households", TestData.Household("01792", "Trịnh Văn Lâm",
            new { fullName = "Trịnh Văn Chiến", sex = "male", birthDate = "1948-02-03", nationalId, ethnicity = "Kinh", relationship = "parent" }))).EnsureSuccessStatusCode();
        (await api.PostAsJsonAsync("/api/benefits/beneficiaries", new { nationalId, scheme = "merit", category = "war_invalid", injuryPercent = 41, decisionNumber = "QĐ 4/2025", decisionDate = "2025-01-10" }))
            .EnsureSuccessStatusCode();

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-president-gifts");
        await page.FillAsync("#g-commune", "01792");
        await page.SelectOptionAsync("#g-occasion", "tet");
        await page.FillAsync("#g-year", "2026");
        await page.ClickAsync("#draw-gifts");
        await Assertions.Expect(page.Locator("#gifts-message")).ToContainTextAsync("Đã lập danh sách");
        await Assertions.Expect(page.Locator("#gift-lines tr[data-person='Trịnh Văn Chiến'] td[data-amount]")).ToHaveAttributeAsync("data-amount", "300000");

        await ConfirmAsync(page, "#deliver-gifts");
        await Assertions.Expect(page.Locator("#gifts-message")).ToContainTextAsync("Đã ghi trao 1 suất quà");
        await Assertions.Expect(page.Locator("#deliver-gifts")).ToHaveCountAsync(0);

        // Drawn again after handing over: refused in Vietnamese.
        await page.ClickAsync("#nav-president-gifts");
        await page.FillAsync("#g-commune", "01792");
        await page.FillAsync("#g-year", "2026");
        await page.ClickAsync("#draw-gifts");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("đã bắt đầu phát");
    }
}

public sealed class ReliefJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task An_officer_records_a_storm_proposes_relief_for_a_household_and_the_chairperson_decides()
    {
        var api = await AdminApiAsync();
        var created = await api.PostAsJsonAsync("/api/households", TestData.Household("01807", "Đinh Văn Bão",
            new { fullName = "Đinh Thị Gió", sex = "female", birthDate = "1980-02-03", nationalId = TestData.NationalId(false, 1980), ethnicity = "Mường", relationship = "spouse" }));
        created.EnsureSuccessStatusCode();
        var code = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("code").GetString()!;
        var name = TestData.Unique("Bão số ");

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-relief");
        await page.SelectOptionAsync("#e-kind", "storm");
        await page.FillAsync("#e-name", name);
        await page.FillAsync("#e-communes", "01807");
        await page.ClickAsync("#create-event");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(name);

        // Two people, two months of rice (60 kg); the house heavily damaged (20,000,000).
        await page.FillAsync("#c-household", code);
        await page.FillAsync("#c-months", "2");
        await page.SelectOptionAsync("#c-house", "heavily_damaged");
        await page.ClickAsync("#propose-case");
        await Assertions.Expect(page.Locator("#relief-message")).ToContainTextAsync("Đinh Văn Bão");
        var row = page.Locator("#relief-cases tr[data-head='Đinh Văn Bão']");
        await Assertions.Expect(row.Locator("td[data-rice]")).ToHaveAttributeAsync("data-rice", "60");
        await Assertions.Expect(row.Locator("td[data-cash]")).ToHaveAttributeAsync("data-cash", "20000000");

        // Four months is refused in Vietnamese.
        await page.FillAsync("#c-household", code);
        await page.FillAsync("#c-months", "4");
        await page.ClickAsync("#propose-case");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("tối đa 3 tháng");

        // The administrator proposed it and does not decide it; the chairperson does, on their own page.
        await page.FillAsync("#d-number", "21/QĐ-UBND");
        await ConfirmAsync(page, "#decide-case");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("không được tự phê duyệt");
        var chairName = await SecondUserAsync("approver", "01807");
        var chair = await PageAsAsync(chairName);
        await chair.GotoAsync(page.Url);
        await chair.FillAsync("#d-number", "21/QĐ-UBND");
        await ConfirmAsync(chair, "#decide-case");
        await Assertions.Expect(chair.Locator("#relief-message")).ToContainTextAsync("Đã quyết định");
        await page.GotoAsync(page.Url);
        await Assertions.Expect(row.Locator("td.status")).ToContainTextAsync("21/QĐ-UBND");

        // The fund board (here the administrator) pays the decided cash from the commune's relief fund.
        var funds = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/funds?unitCode=01807");
        var existing = funds.EnumerateArray().FirstOrDefault(f => f.GetProperty("kind").GetString() == "relief" && f.GetProperty("unitCode").GetString() == "01807");
        Guid fund;
        if (existing.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            fund = existing.GetProperty("id").GetGuid();
        }
        else
        {
            var made = await api.PostAsJsonAsync("/api/funds", new { unitCode = "01807", kind = "relief" });
            made.EnsureSuccessStatusCode();
            fund = (await made.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        }
        (await api.PostAsJsonAsync($"/api/funds/{fund}/receipts", new { date = TestData.Today.ToString("yyyy-MM-dd"), donor = new { name = "Hội Chữ thập đỏ", type = "organisation" }, form = "cash", amount = 20_000_000 })).EnsureSuccessStatusCode();
        await page.GotoAsync(page.Url);
        await page.SelectOptionAsync("#p-fund", fund.ToString());
        // The approver of the spending is picked among the users who may approve it: the chairperson.
        await page.SelectOptionAsync("#p-approved", chairName);
        await ConfirmAsync(page, "#pay-relief");
        await Assertions.Expect(page.Locator("#relief-message")).ToContainTextAsync("phiếu chi");
        await Assertions.Expect(row.Locator("td.paid")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#relief-paid")).ToHaveAttributeAsync("data-paid", "20000000");
    }
}

public sealed class DossierJourneyTests : BrowserTest
{
    [LaneFact("browser")]
    public async Task A_dossier_is_filed_reviewed_posted_and_decided_in_the_browser()
    {
        var api = await AdminApiAsync();
        var nationalId = TestData.NationalId(false, 1943);
        (await api.PostAsJsonAsync("/api/households", TestData.Household("01279", "Tạ Văn Hiếu",
            new { fullName = "Tạ Thị Cụ", sex = "female", birthDate = "1943-02-03", nationalId, ethnicity = "Kinh", relationship = "parent" }))).EnsureSuccessStatusCode();

        var page = await NewPageAsync();
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/");
        await page.ClickAsync("#nav-dossiers");
        await page.FillAsync("#f-nid", nationalId);
        await page.FillAsync("#f-clauses", "5.5c");
        await page.FillAsync("#f-date", "2026-10-05");
        await page.ClickAsync("#file-dossier");
        await Assertions.Expect(page.Locator("#dossier-status")).ToContainTextAsync("chờ xem xét");

        await page.FillAsync("#r-date", "2026-10-06");
        await page.ClickAsync("#review-dossier");
        await Assertions.Expect(page.Locator("#dossier-status")).ToContainTextAsync("chờ niêm yết");
        await page.FillAsync("#p-date", "2026-10-07");
        await ConfirmAsync(page, "#post-dossier");
        await Assertions.Expect(page.Locator("#dossier-status")).ToContainTextAsync("Đang niêm yết");

        // Deciding on the last day of the posting is refused in Vietnamese; the day after, it is recorded.
        await page.FillAsync("#d-number", "31/QĐ-UBND");
        await page.FillAsync("#d-date", "2026-10-08");
        await ConfirmAsync(page, "#decide-dossier");
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("niêm yết đến hết ngày 08/10/2026");
        await page.FillAsync("#d-number", "31/QĐ-UBND");
        await page.FillAsync("#d-date", "2026-10-12");
        await ConfirmAsync(page, "#decide-dossier");
        await Assertions.Expect(page.Locator("#dossier-status")).ToContainTextAsync("Đã quyết định hưởng");
        await Assertions.Expect(page.Locator("#dossier-entitled")).ToContainTextAsync("10/2026");
    }
}
