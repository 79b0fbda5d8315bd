using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>Gift campaigns of the funds issue (#4, item 8) through the API on both engines.</summary>
public sealed class GiftCampaignTests
{
    /// <summary>Puts a household on a list as a decided round would (the review itself is tested in the poverty tests).</summary>
    private static async Task ListAsync(TestApp app, Guid household, PovertyClass status)
    {
        var db = app.NewDb(out var scope);
        using (scope)
        {
            var h = await db.Set<AnSinh.Registry.Households.Household>().FindAsync(household);
            db.Add(new PovertyStatus
            {
                HouseholdId = household,
                RoundId = Guid.NewGuid(),
                CommuneUnitId = h!.CommuneUnitId,
                VillageName = h.VillageName,
                Status = status,
                Movement = Movement.Unchanged,
                From = new DateOnly(2025, 12, 15),
            });
            await db.SaveChangesAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Gifts_are_mobilised_allocated_handed_once_per_household_listed_for_signature_and_settled_in_the_fund(string engine)
    {
        var app = TestApp.For(engine);
        var board = await app.UserAsync("fund_board", "04");
        var fundResponse = await board.PostAsJsonAsync("/api/funds", new { unitCode = "04", kind = "special", name = TestData.Unique("Quỹ quà Tết ") });
        var fund = (await OkAsync(fundResponse)).GetProperty("id").GetGuid();
        await OkAsync(await board.PostAsJsonAsync($"/api/funds/{fund}/receipts",
            new { date = "2026-01-05", donor = new { name = "Ngân hàng Chính sách", type = "organization" }, form = "cash", amount = 10_000_000 }));

        var created = await OkAsync(await board.PostAsJsonAsync("/api/gift-campaigns",
            new { unitCode = "04", occasion = "tet", name = TestData.Unique("Quà Tết Bính Ngọ "), year = 2026, form = "cash", giftValue = 500_000, gifts = 3, fundId = fund }));
        var campaign = created.GetProperty("id").GetGuid();

        // Allocations: never more than was mobilised, only to communes below the organising unit.
        Assert.Contains("vận động được 3", await FailsAsync(await board.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/allocations", new { unitCode = "01552", gifts = 5 }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("không thuộc", await FailsAsync(await board.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/allocations", new { unitCode = "00004", gifts = 1 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await OkAsync(await board.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/allocations", new { unitCode = "01552", gifts = 2 }));

        // The commune officer chooses households from the register and the lists.
        var officer = await app.UserAsync("officer", "01552");
        var poor = (await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household("01552", "Lò Văn Nghèo")))).GetProperty("id").GetGuid();
        var nearPoor = (await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household("01552", "Lò Thị Cận")))).GetProperty("id").GetGuid();
        var elderly = (await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household("01552", "Lò Văn Thọ")))).GetProperty("id").GetGuid();
        await ListAsync(app, poor, PovertyClass.Poor);
        await ListAsync(app, nearPoor, PovertyClass.NearPoor);

        var candidates = await OkAsync(await officer.GetAsync($"/api/gift-campaigns/{campaign}/candidates?group=poor"));
        Assert.Contains(candidates.EnumerateArray(), c => c.GetProperty("householdId").GetGuid() == poor && c.GetProperty("group").GetString() == "poor");
        Assert.DoesNotContain(candidates.EnumerateArray(), c => c.GetProperty("householdId").GetGuid() == nearPoor || c.GetProperty("householdId").GetGuid() == elderly);

        var given = await OkAsync(await officer.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/handouts", new { householdId = poor, handedOn = "2026-01-20" }));
        Assert.Equal("poor", given.GetProperty("group").GetString());
        Assert.Contains("mỗi hộ chỉ nhận một suất", await FailsAsync(await officer.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/handouts", new { householdId = poor, handedOn = "2026-01-21" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("hãy ghi rõ đối tượng", await FailsAsync(await officer.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/handouts", new { householdId = elderly }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("không có trong danh sách hộ nghèo", await FailsAsync(await officer.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/handouts", new { householdId = elderly, group = "poor" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        await FailsAsync(await officer.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/handouts", new { householdId = elderly, group = "elderly", handedOn = "2031-01-01" }), HttpStatusCode.BadRequest);
        await OkAsync(await officer.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/handouts", new { householdId = elderly, group = "elderly", handedOn = "2026-01-21", receivedBy = "Lò Văn Con" }));
        Assert.Contains("Đã trao hết 2 suất", await FailsAsync(await officer.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/handouts", new { householdId = nearPoor }), HttpStatusCode.Conflict), StringComparison.Ordinal);

        // Another commune's officer does not see the campaign (it was not allocated there).
        var stranger = await app.UserAsync("officer", "01558");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/gift-campaigns/{campaign}")).StatusCode);
        Assert.DoesNotContain((await OkAsync(await stranger.GetAsync("/api/gift-campaigns"))).EnumerateArray(), c => c.GetProperty("id").GetGuid() == campaign);

        // The signature list, in .xlsx and PDF.
        var xlsx = await officer.GetAsync($"/api/gift-campaigns/{campaign}/signature-list.xlsx?unitCode=01552");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var reader = AnSinh.Platform.Excel.XlsxReader.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var rows = reader.ReadRows().ToList();
            Assert.Contains(rows, r => r[1] == "Lò Văn Nghèo" && r[4] == "Hộ nghèo" && r[5] == "500000");
            Assert.Contains(rows, r => r[1] == "Lò Văn Thọ" && r[4] == "Người cao tuổi" && r[7] == "Lò Văn Con");
            Assert.DoesNotContain(rows, r => r[1] == "Lò Thị Cận");
        }
        var pdf = await officer.GetAsync($"/api/gift-campaigns/{campaign}/signature-list.pdf?unitCode=01552");
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);

        // Settled as one hardship-and-gift spending of the fund, naming both households.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/settle", new { date = "2026-01-25" })).StatusCode);
        Assert.Contains("không phải là người dùng", await FailsAsync(await board.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/settle", new { date = "2026-01-25", approvedBy = "Trưởng ban" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var (head, _) = await NamedUsers.CreateAsync(app, "fund_board", "04");
        var settled = await OkAsync(await board.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/settle", new { date = "2026-01-25", approvedBy = head }));
        Assert.Equal(2, settled.GetProperty("handouts").GetInt32());
        Assert.Equal(1_000_000, settled.GetProperty("amount").GetInt64());
        var entry = await OkAsync(await board.GetAsync($"/api/funds/{fund}/entries/{settled.GetProperty("entryId").GetInt64()}"));
        Assert.Equal("hardship_gift", entry.GetProperty("entry").GetProperty("category").GetString());
        Assert.Equal(2, entry.GetProperty("beneficiaries").GetArrayLength());
        Assert.Equal(9_000_000, (await OkAsync(await board.GetAsync($"/api/funds/{fund}/balance"))).GetProperty("balance").GetInt64());
        Assert.Contains("chưa quyết toán", await FailsAsync(await board.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/settle", new { date = "2026-01-25" }), HttpStatusCode.Conflict), StringComparison.Ordinal);

        var detail = await OkAsync(await board.GetAsync($"/api/gift-campaigns/{campaign}"));
        Assert.Equal(3, detail.GetProperty("giftsMobilised").GetInt32());
        Assert.Equal(1_500_000, detail.GetProperty("valueMobilised").GetInt64());
        Assert.Equal(2, detail.GetProperty("allocated").GetInt32());
        Assert.Equal(2, detail.GetProperty("handedOut").GetInt32());
        Assert.Equal(2, detail.GetProperty("settled").GetInt32());
        var unit = detail.GetProperty("units").EnumerateArray().Single();
        Assert.Equal("01552", unit.GetProperty("unitCode").GetString());
        Assert.Equal(2, unit.GetProperty("handedOut").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_household_clicked_twice_at_once_gets_one_gift(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", "01558");
        var campaign = (await OkAsync(await officer.PostAsJsonAsync("/api/gift-campaigns",
            new { unitCode = "01558", occasion = "longevity", year = 2026, form = "goods", goodsName = "Suất quà mừng thọ", giftValue = 300_000, gifts = 10 }))).GetProperty("id").GetGuid();
        var household = (await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household("01558", "Bạc Văn Thọ")))).GetProperty("id").GetGuid();
        var tries = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            officer.PostAsJsonAsync($"/api/gift-campaigns/{campaign}/handouts", new { householdId = household, group = "elderly" })));
        Assert.Equal(1, tries.Count(t => t.StatusCode == HttpStatusCode.Created));
        Assert.All(tries.Where(t => t.StatusCode != HttpStatusCode.Created), t => Assert.Equal(HttpStatusCode.Conflict, t.StatusCode));
        var handouts = await OkAsync(await officer.GetAsync($"/api/gift-campaigns/{campaign}/handouts"));
        Assert.Equal(1, handouts.GetArrayLength());
        Assert.Equal(300_000, handouts[0].GetProperty("value").GetInt64());
    }
}
