using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Platform.Excel;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Issue #5, item 6, on both engines: who is entitled to a state-supported health-insurance card
/// is derived from the register, the poverty lists and the benefit registers; one card per person
/// under the best group; a batch issues numbers and validity and what the budget pays; a person
/// not entitled is refused; expiring cards and counts per group. Commune 01747 is used by no
/// other test.
/// </summary>
public sealed class HealthCardTests
{
    private const string Commune = "01747";

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

    private static async Task<(Guid Household, Dictionary<string, Guid> Members)> HouseholdAsync(HttpClient officer, string head, params object[] others)
    {
        var created = await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household(Commune, head, others)));
        var id = created.GetProperty("id").GetGuid();
        var household = await OkAsync(await officer.GetAsync($"/api/households/{id}"));
        return (id, household.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("fullName").GetString()!, m => m.GetProperty("id").GetGuid()));
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Cards_are_derived_from_the_registers_issued_once_under_the_best_group_and_listed_when_they_expire(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", Commune);
        var childId = TestData.NationalId(true, 2023);
        var olderChildId = TestData.NationalId(false, 2020);
        var poor = await HouseholdAsync(officer, TestData.Unique("Đèo Văn Nghèo "),
            new { fullName = "Đèo Văn Bé", sex = "male", birthDate = "2023-05-10", nationalId = childId, ethnicity = "Thái", relationship = "child" },
            new { fullName = "Đèo Thị Lớn", sex = "female", birthDate = "2020-03-15", nationalId = olderChildId, ethnicity = "Thái", relationship = "child" },
            new { fullName = "Đèo Thị Chưa Mã", sex = "female", birthDate = "2024-08-01", ethnicity = "Thái", relationship = "child" });
        await ListAsync(app, poor.Household, PovertyClass.Poor);
        var nearPoor = await HouseholdAsync(officer, TestData.Unique("Lò Văn Cận "),
            new { fullName = "Lò Văn Thương", sex = "male", birthDate = "1950-02-01", nationalId = TestData.NationalId(true, 1950), ethnicity = "Thái", relationship = "parent" });
        await ListAsync(app, nearPoor.Household, PovertyClass.NearPoor);
        var invalid = nearPoor.Members["Lò Văn Thương"];
        await OkAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = invalid, scheme = "merit", category = "war_invalid", injuryPercent = 61, decisionNumber = "QĐ 12/2025", decisionDate = "2025-01-10" }));
        var other = await HouseholdAsync(officer, TestData.Unique("Cầm Văn Khá "));
        var otherHead = other.Members.Single().Value;

        // Entitled on 1 January 2026: each person once, under the group of the best benefit, with every group named.
        var list = await OkAsync(await officer.GetAsync($"/api/health-cards/entitled?communeCode={Commune}&date=2026-01-01"));
        var persons = list.GetProperty("persons").EnumerateArray().ToDictionary(p => p.GetProperty("personId").GetGuid());
        Assert.DoesNotContain(otherHead, persons.Keys);
        var child = persons[poor.Members["Đèo Văn Bé"]];
        Assert.Equal("child_under_6", child.GetProperty("group").GetString());
        Assert.Equal(["child_under_6", "poor_household"], child.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!).ToArray());
        Assert.Equal("poor_household", persons[poor.Members.Keys.Where(k => k.StartsWith("Đèo Văn Nghèo", StringComparison.Ordinal)).Select(k => poor.Members[k]).Single()].GetProperty("group").GetString());
        var veteran = persons[invalid];
        Assert.Equal("merit_person", veteran.GetProperty("group").GetString());
        Assert.Contains("near_poor", veteran.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Contains("mỗi người chỉ một thẻ", veteran.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Equal("near_poor", persons[nearPoor.Members.Single(m => m.Key != "Lò Văn Thương").Value].GetProperty("group").GetString());
        var one = await OkAsync(await officer.GetAsync($"/api/health-cards/entitlement/{otherHead}?date=2026-01-01"));
        Assert.Equal(JsonValueKind.Null, one.GetProperty("group").ValueKind);
        Assert.Contains("không thuộc nhóm nào", one.GetProperty("explanation").GetString(), StringComparison.Ordinal);

        // A card for someone not entitled refuses the batch, and nothing is written.
        Assert.Contains("không thuộc nhóm nào", await FailsAsync(await officer.PostAsJsonAsync("/api/health-cards/batches",
            new { communeCode = Commune, validFrom = "2026-01-01", validTo = "2026-12-31", personIds = new[] { otherHead, invalid } }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("tối đa 12 tháng", await FailsAsync(await officer.PostAsJsonAsync("/api/health-cards/batches",
            new { communeCode = Commune, validFrom = "2026-01-01", validTo = "2027-03-31" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Empty((await OkAsync(await officer.GetAsync($"/api/health-cards/batches?communeCode={Commune}"))).EnumerateArray());

        // The batch: everyone entitled with a personal ID; numbers, validity and the state's share of the premium (4.5 % of 2,340,000 = 105,300 a month).
        var batch = await OkAsync(await officer.PostAsJsonAsync("/api/health-cards/batches", new { communeCode = Commune, validFrom = "2026-01-01", validTo = "2026-12-31" }));
        Assert.Equal(5, batch.GetProperty("cards").GetInt32());
        Assert.Contains(batch.GetProperty("skipped").EnumerateArray(), s => s.GetProperty("fullName").GetString() == "Đèo Thị Chưa Mã"
            && s.GetProperty("reason").GetString()!.Contains("số định danh", StringComparison.Ordinal));
        var detail = await OkAsync(await officer.GetAsync($"/api/health-cards/batches/{batch.GetProperty("id").GetGuid()}"));
        var cards = detail.GetProperty("cards").EnumerateArray().ToDictionary(c => c.GetProperty("personId").GetGuid());
        Assert.Equal("TE104" + childId, cards[poor.Members["Đèo Văn Bé"]].GetProperty("cardNumber").GetString());
        Assert.Equal(1_263_600, cards[poor.Members["Đèo Văn Bé"]].GetProperty("stateCost").GetInt64());
        var older = cards[poor.Members["Đèo Thị Lớn"]];
        Assert.Equal("2026-03-14", older.GetProperty("validTo").GetString());
        Assert.Equal(3 * 105_300, older.GetProperty("stateCost").GetInt64());
        Assert.StartsWith("CC104", cards[invalid].GetProperty("cardNumber").GetString(), StringComparison.Ordinal);
        var nearPoorCard = cards[nearPoor.Members.Single(m => m.Key != "Lò Văn Thương").Value];
        Assert.StartsWith("CN3", nearPoorCard.GetProperty("cardNumber").GetString(), StringComparison.Ordinal);
        Assert.Equal(70, nearPoorCard.GetProperty("statePercent").GetInt32());
        Assert.Equal(73_710 * 12, nearPoorCard.GetProperty("stateCost").GetInt64());
        Assert.Equal(cards.Values.Sum(c => c.GetProperty("stateCost").GetInt64()), batch.GetProperty("stateCost").GetInt64());

        // The child turning six in March: the card ends then, and the list says she stays entitled as a member of a poor household.
        var expiring = await OkAsync(await officer.GetAsync($"/api/health-cards/expiring?communeCode={Commune}&month=2026-03"));
        var ending = expiring.GetProperty("cards").EnumerateArray().Single();
        Assert.Equal(poor.Members["Đèo Thị Lớn"], ending.GetProperty("card").GetProperty("personId").GetGuid());
        Assert.Equal("poor_household", ending.GetProperty("renewGroup").GetString());

        // A June batch issues her card as a member of a poor household (7 months), and no one else's.
        var june = await OkAsync(await officer.PostAsJsonAsync("/api/health-cards/batches", new { communeCode = Commune, validFrom = "2026-06-01", validTo = "2026-12-31" }));
        Assert.Equal(1, june.GetProperty("cards").GetInt32());
        Assert.Equal(7 * 105_300, june.GetProperty("stateCost").GetInt64());
        var juneCard = (await OkAsync(await officer.GetAsync($"/api/health-cards/batches/{june.GetProperty("id").GetGuid()}"))).GetProperty("cards").EnumerateArray().Single();
        Assert.Equal("HN204" + olderChildId, juneCard.GetProperty("cardNumber").GetString());
        Assert.Empty((await OkAsync(await officer.GetAsync($"/api/health-cards/expiring?communeCode={Commune}&month=2026-03"))).GetProperty("cards").EnumerateArray());

        // Issued once: another batch over the period finds nobody left; a named holder is refused with the card number.
        Assert.Contains("đều đã có thẻ", await FailsAsync(await officer.PostAsJsonAsync("/api/health-cards/batches",
            new { communeCode = Commune, validFrom = "2026-07-01", validTo = "2026-12-31" }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("đã có thẻ TE104", await FailsAsync(await officer.PostAsJsonAsync("/api/health-cards/batches",
            new { communeCode = Commune, validFrom = "2026-07-01", personIds = new[] { poor.Members["Đèo Văn Bé"] } }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var after = await OkAsync(await officer.GetAsync($"/api/health-cards/entitled?communeCode={Commune}&date=2026-07-01"));
        Assert.Equal(1, after.GetProperty("withoutCard").GetInt32());

        // Counts per group and unit, for the commune and within the province.
        var counts = await OkAsync(await officer.GetAsync($"/api/health-cards/counts?unitCode={Commune}&year={TestData.Today.Year}"));
        var rows = counts.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("group").GetString()!, r => r.GetProperty("cards").GetInt32());
        Assert.Equal(2, rows["child_under_6"]);
        Assert.Equal(2, rows["poor_household"]);
        Assert.Equal(1, rows["merit_person"]);
        Assert.Equal(1, rows["near_poor"]);
        var province = await app.UserAsync("approver", "04");
        var provinceCounts = await OkAsync(await province.GetAsync($"/api/health-cards/counts?unitCode=04&year={TestData.Today.Year}"));
        Assert.Equal(6, provinceCounts.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("communeCode").GetString() == Commune).Sum(r => r.GetProperty("cards").GetInt32()));

        // The list for the insurance agency.
        var xlsx = await officer.GetAsync($"/api/health-cards/batches/{batch.GetProperty("id").GetGuid()}/cards.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var reader = XlsxReader.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            Assert.Contains("TE104" + childId, reader.ReadRows().SelectMany(r => r.Values).ToList());
        }

        // Scope and role: another commune's officer and a viewer see nothing.
        var stranger = await app.UserAsync("officer", "01768");
        Assert.Contains("ngoài địa bàn", await FailsAsync(await stranger.GetAsync($"/api/health-cards/entitled?communeCode={Commune}"), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/health-cards/batches/{batch.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/health-cards/entitlement/{invalid}")).StatusCode);
        var viewer = await app.UserAsync("viewer", Commune);
        Assert.Equal(HttpStatusCode.Conflict, (await viewer.GetAsync($"/api/health-cards/entitled?communeCode={Commune}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await province.PostAsJsonAsync("/api/health-cards/batches", new { communeCode = Commune, validFrom = "2026-01-01" })).StatusCode);
    }
}
