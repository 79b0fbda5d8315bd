using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Platform.Excel;
using AnSinh.Tests.Infrastructure;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>
/// Issue #5, item 8, on both engines: the President's Tết gifts drawn from the merit register —
/// 600,000 or 300,000 by group, one relative representing each martyr, no gift for a group the
/// decision does not name — handed over once, listed for signature and totalled per unit.
/// Commune 01786 is used by no other test.
/// </summary>
public sealed class PresidentGiftTests
{
    private const string Commune = "01786";

    private static async Task<Guid> MeritAsync(HttpClient officer, string name, string birthDate, object record, string commune = Commune)
    {
        var created = await OkAsync(await officer.PostAsJsonAsync("/api/households", TestData.Household(commune, TestData.Unique("Hộ "),
            new { fullName = name, sex = "female", birthDate, nationalId = TestData.NationalId(false, int.Parse(birthDate[..4], System.Globalization.CultureInfo.InvariantCulture)), ethnicity = "Kinh", relationship = "parent" })));
        var household = await OkAsync(await officer.GetAsync($"/api/households/{created.GetProperty("id").GetString()}"));
        var person = household.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("fullName").GetString() == name).GetProperty("id").GetGuid();
        var json = JsonSerializer.SerializeToElement(record).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        json["personId"] = person;
        json["scheme"] = "merit";
        json["decisionNumber"] = TestData.Unique("QĐ ");
        json["decisionDate"] = "2025-01-10";
        await OkAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries", json));
        return person;
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Tet_gifts_go_once_to_each_merit_person_at_the_highest_level_and_once_to_each_martyr(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", Commune);
        var mother = await MeritAsync(officer, "Nguyễn Thị Mẹ", "1930-05-01", new { category = "heroic_mother" });
        var invalid = await MeritAsync(officer, "Trần Văn Thương", "1950-05-01", new { category = "war_invalid", injuryPercent = 61 });
        var elder = await MeritAsync(officer, "Lê Thị Cả", "1940-05-01", new { category = "martyr_relative", martyrs = 1, martyrCertificates = new[] { "BTQ-77" } });
        var younger = await MeritAsync(officer, "Lê Văn Út", "1945-05-01", new { category = "martyr_relative", martyrs = 1, martyrCertificates = new[] { "BTQ-77" } });
        var twoMartyrs = await MeritAsync(officer, "Phạm Thị Hai", "1938-05-01", new { category = "martyr_relative", martyrs = 2, martyrCertificates = new[] { "BTQ-88", "BTQ-89" } });
        var sibling = await MeritAsync(officer, "Phạm Văn Em", "1948-05-01", new { category = "martyr_relative", martyrs = 1, martyrCertificates = new[] { "BTQ-88" } });
        var prisoner = await MeritAsync(officer, "Đỗ Văn Tù", "1944-05-01", new { category = "imprisoned_by_enemy" });
        var soldier = await MeritAsync(officer, "Vũ Văn Binh", "1952-05-01", new { category = "sick_soldier", injuryPercent = 85 });

        // Bad input: a certificate for someone who is not a martyr's relative, more certificates than martyrs, an unknown occasion, a year too early.
        Assert.Contains("chỉ ghi cho thân nhân liệt sĩ", await FailsAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = prisoner, scheme = "merit", category = "hero", martyrCertificates = new[] { "X" }, decisionNumber = "QĐ x", decisionDate = "2025-01-10" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("chỉ có 1 liệt sĩ", await FailsAsync(await officer.PostAsJsonAsync("/api/benefits/beneficiaries",
            new { personId = prisoner, scheme = "merit", category = "martyr_relative", martyrs = 1, martyrCertificates = new[] { "A", "B" }, decisionNumber = "QĐ y", decisionDate = "2025-01-10" }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("tet", await FailsAsync(await officer.PostAsJsonAsync("/api/president-gifts", new { communeCode = Commune, occasion = "xmas", year = 2026 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Năm phải từ 2023", await FailsAsync(await officer.PostAsJsonAsync("/api/president-gifts", new { communeCode = Commune, occasion = "tet", year = 2019 }), HttpStatusCode.BadRequest), StringComparison.Ordinal);

        var list = await OkAsync(await officer.PostAsJsonAsync("/api/president-gifts", new { communeCode = Commune, occasion = "tet", year = 2026 }));
        Assert.Equal("2026-01-01", list.GetProperty("asOf").GetString());
        Assert.Equal(5, list.GetProperty("people").GetInt32());
        Assert.Equal(600_000 + 300_000 + 300_000 + 600_000 + 600_000, list.GetProperty("total").GetInt64());
        var id = list.GetProperty("id").GetGuid();
        var lines = (await OkAsync(await officer.GetAsync($"/api/president-gifts/{id}"))).GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("personId").GetGuid());
        Assert.Equal(600_000, lines[mother].GetProperty("amount").GetInt64());
        Assert.Equal(300_000, lines[invalid].GetProperty("amount").GetInt64());
        Assert.Equal(600_000, lines[soldier].GetProperty("amount").GetInt64());
        Assert.Equal(600_000, lines[twoMartyrs].GetProperty("amount").GetInt64());
        Assert.Equal(300_000, lines[elder].GetProperty("amount").GetInt64());
        Assert.Equal(0, lines[younger].GetProperty("amount").GetInt64());
        Assert.Contains("Lê Thị Cả", lines[younger].GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, lines[sibling].GetProperty("amount").GetInt64());
        Assert.Contains("BTQ-88", lines[sibling].GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, lines[prisoner].GetProperty("amount").GetInt64());
        Assert.Contains("không có trong quyết định", lines[prisoner].GetProperty("basis").GetString(), StringComparison.Ordinal);

        // Drawn again while nothing is handed over: the same list, no line twice.
        var again = await OkAsync(await officer.PostAsJsonAsync("/api/president-gifts", new { communeCode = Commune, occasion = "tet", year = 2026 }));
        Assert.Equal(id, again.GetProperty("id").GetGuid());
        Assert.Equal(8, (await OkAsync(await officer.GetAsync($"/api/president-gifts/{id}"))).GetProperty("lines").GetArrayLength());

        // Handed over: once per person; then the list is no longer drawn again.
        var first = await OkAsync(await officer.PostAsJsonAsync($"/api/president-gifts/{id}/deliveries", new { date = "2026-01-20", personIds = new[] { elder } }));
        Assert.Equal(300_000, first.GetProperty("amount").GetInt64());
        Assert.Contains("đã nhận quà ngày 20/01/2026", await FailsAsync(await officer.PostAsJsonAsync($"/api/president-gifts/{id}/deliveries",
            new { date = "2026-01-21", personIds = new[] { elder } }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("không có suất quà", await FailsAsync(await officer.PostAsJsonAsync($"/api/president-gifts/{id}/deliveries",
            new { date = "2026-01-21", personIds = new[] { younger } }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("đã bắt đầu phát", await FailsAsync(await officer.PostAsJsonAsync("/api/president-gifts", new { communeCode = Commune, occasion = "tet", year = 2026 }), HttpStatusCode.Conflict), StringComparison.Ordinal);
        var rest = await OkAsync(await officer.PostAsJsonAsync($"/api/president-gifts/{id}/deliveries", new { date = "2026-01-22" }));
        Assert.Equal(4, rest.GetProperty("people").GetInt32());
        Assert.Equal(2_100_000, rest.GetProperty("amount").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/president-gifts/{id}/deliveries", new { date = "2026-01-22" })).StatusCode);

        // Totals per unit: by level, delivered; the province sees the commune's row.
        var totals = await OkAsync(await officer.GetAsync($"/api/president-gifts/totals?unitCode={Commune}&occasion=tet&year=2026"));
        var row = totals.GetProperty("rows").EnumerateArray().Single();
        Assert.Equal(5, row.GetProperty("people").GetInt32());
        Assert.Equal(2_400_000, row.GetProperty("deliveredAmount").GetInt64());
        Assert.Equal([(600_000L, 3), (300_000L, 2)], row.GetProperty("levels").EnumerateArray().Select(l => (l.GetProperty("amount").GetInt64(), l.GetProperty("people").GetInt32())).ToArray());
        var province = await app.UserAsync("approver", "04");
        var provinceTotals = await OkAsync(await province.GetAsync("/api/president-gifts/totals?unitCode=04&occasion=tet&year=2026"));
        Assert.Contains(provinceTotals.GetProperty("rows").EnumerateArray(), r => r.GetProperty("communeCode").GetString() == Commune && r.GetProperty("total").GetInt64() == 2_400_000);

        var xlsx = await officer.GetAsync($"/api/president-gifts/{id}/list.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var reader = XlsxReader.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var cells = reader.ReadRows().SelectMany(r => r.Values).ToList();
            Assert.Contains("Nguyễn Thị Mẹ", cells);
            Assert.Contains("Lê Văn Út", cells);
        }

        // Scope and role.
        var stranger = await app.UserAsync("officer", "01768");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/president-gifts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/president-gifts/totals?unitCode={Commune}&occasion=tet&year=2026")).StatusCode);
        var viewer = await app.UserAsync("viewer", Commune);
        Assert.Equal(HttpStatusCode.Conflict, (await viewer.GetAsync($"/api/president-gifts/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await province.PostAsJsonAsync("/api/president-gifts", new { communeCode = Commune, occasion = "july27", year = 2026 })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_martyr_with_relatives_in_two_communes_of_the_province_is_represented_once(string engine)
    {
        // Communes 01336 and 01339 (Cao Bằng) are used by no other test.
        var app = TestApp.For(engine);
        var first = await app.UserAsync("officer", "01336");
        var second = await app.UserAsync("officer", "01339");
        var certificate = TestData.Unique("BTQ-");
        var elder = await MeritAsync(first, "Nông Thị Đại Diện", "1941-02-01", new { category = "martyr_relative", martyrs = 1, martyrCertificates = new[] { certificate } }, "01336");
        var sister = await MeritAsync(second, "Nông Thị Em Gái", "1946-02-01", new { category = "martyr_relative", martyrs = 1, martyrCertificates = new[] { certificate } }, "01339");

        var listA = await OkAsync(await first.PostAsJsonAsync("/api/president-gifts", new { communeCode = "01336", occasion = "july27", year = 2026 }));
        var linesA = (await OkAsync(await first.GetAsync($"/api/president-gifts/{listA.GetProperty("id").GetGuid()}"))).GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("personId").GetGuid());
        Assert.Equal(300_000, linesA[elder].GetProperty("amount").GetInt64());

        var listB = await OkAsync(await second.PostAsJsonAsync("/api/president-gifts", new { communeCode = "01339", occasion = "july27", year = 2026 }));
        var linesB = (await OkAsync(await second.GetAsync($"/api/president-gifts/{listB.GetProperty("id").GetGuid()}"))).GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("personId").GetGuid());
        Assert.Equal(0, linesB[sister].GetProperty("amount").GetInt64());
        Assert.Contains(certificate, linesB[sister].GetProperty("basis").GetString(), StringComparison.Ordinal);
        Assert.Contains(listA.GetProperty("communeName").GetString()!, linesB[sister].GetProperty("basis").GetString(), StringComparison.Ordinal);

        // Drawn again, the first commune keeps its representative (the other list gives the martyr nothing).
        var againA = await OkAsync(await first.PostAsJsonAsync("/api/president-gifts", new { communeCode = "01336", occasion = "july27", year = 2026 }));
        Assert.Equal(listA.GetProperty("total").GetInt64(), againA.GetProperty("total").GetInt64());
    }
}
