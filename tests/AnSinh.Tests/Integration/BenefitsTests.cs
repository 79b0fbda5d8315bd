using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AnSinh.Tests.Infrastructure.ApiResponses;

namespace AnSinh.Tests.Integration;

/// <summary>Issue #5, first part: dated parameters and quotes through the API on both engines.</summary>
public sealed class BenefitsTests
{
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Base_levels_are_dated_data_and_quotes_apply_them_with_the_legal_figures(string engine)
    {
        var app = TestApp.For(engine);
        var officer = await app.UserAsync("officer", "01660");

        var level = await OkAsync(await officer.GetAsync("/api/benefits/base-levels?scheme=social_assistance&date=2024-07-01"));
        Assert.Equal(500_000, level.GetProperty("amount").GetInt64());
        Assert.Equal("2024-07-01", level.GetProperty("validFrom").GetString());
        Assert.Contains("76/2024", level.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.False(level.GetProperty("provisional").GetBoolean());
        Assert.Equal(2_789_000, (await OkAsync(await officer.GetAsync("/api/benefits/base-levels?scheme=merit&date=2025-01-01"))).GetProperty("amount").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.GetAsync("/api/benefits/base-levels?scheme=pension_fund&date=2025-01-01")).StatusCode);

        var quote = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/social-assistance/quote",
            new { date = "2025-01-01", birthDate = "1940-05-01", clauses = new[] { "5.5a", "5.6" }, disability = "particularly_severe", children = 0 }));
        Assert.Equal(1_250_000, quote.GetProperty("monthlyAmount").GetInt64());
        Assert.Equal(500_000, quote.GetProperty("baseLevel").GetInt64());
        Assert.Equal("5.6", quote.GetProperty("parts").EnumerateArray().Single().GetProperty("clause").GetString());
        Assert.Contains("mức cao nhất", quote.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var refused = await officer.PostAsJsonAsync("/api/benefits/social-assistance/quote", new { date = "2025-01-01", birthDate = "1990-05-01", clauses = new[] { "5.6" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("mức độ khuyết tật", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var merit = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/merit/quote", new { date = "2025-01-01", category = "heroic_mother" }));
        Assert.Equal(10_704_000, merit.GetProperty("monthlyAmount").GetInt64());
        Assert.Equal(2, merit.GetProperty("parts").GetArrayLength());
        var invalid = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/merit/quote", new { date = "2025-01-01", category = "war_invalid", injuryPercent = 41 }));
        Assert.Equal(3_667_000, invalid.GetProperty("monthlyAmount").GetInt64());
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync("/api/benefits/merit/quote", new { date = "2026-08-01", category = "war_invalid", injuryPercent = 41 })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_administrator_confirms_a_provisional_level_and_adds_a_local_one_without_a_release(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var officer = await app.UserAsync("officer", "01660");

        var provisional = await OkAsync(await officer.GetAsync("/api/benefits/base-levels?scheme=merit&date=2026-12-01"));
        Assert.True(provisional.GetProperty("provisional").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/benefits/base-levels/{provisional.GetProperty("id").GetInt32()}/confirm", new { })).StatusCode);
        var confirmed = await OkAsync(await admin.PostAsJsonAsync($"/api/benefits/base-levels/{provisional.GetProperty("id").GetInt32()}/confirm", new { source = "Nghị định 321/2026/NĐ-CP, Điều 3" }));
        Assert.False(confirmed.GetProperty("provisional").GetBoolean());
        Assert.Equal("admin", confirmed.GetProperty("confirmedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"/api/benefits/base-levels/{provisional.GetProperty("id").GetInt32()}/confirm", new { })).StatusCode);

        // A province's higher local level from 2025: its quotes use it, the national one stays for others.
        var added = await admin.PostAsJsonAsync("/api/benefits/base-levels",
            new { scheme = "social_assistance", provinceCode = "79", amount = 600_000, validFrom = "2025-01-01", source = "Nghị quyết của HĐND Thành phố Hồ Chí Minh (thử)" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var local = await OkAsync(await officer.PostAsJsonAsync("/api/benefits/social-assistance/quote",
            new { date = "2025-03-01", birthDate = "1955-01-01", clauses = new[] { "5.5a" }, provinceCode = "79" }));
        Assert.Equal(900_000, local.GetProperty("monthlyAmount").GetInt64());
        Assert.Equal(600_000, (await OkAsync(await officer.GetAsync("/api/benefits/base-levels?scheme=social_assistance&date=2025-03-01&provinceCode=79"))).GetProperty("amount").GetInt64());
        Assert.Equal(500_000, (await OkAsync(await officer.GetAsync("/api/benefits/base-levels?scheme=social_assistance&date=2025-03-01"))).GetProperty("amount").GetInt64());
        var bad = await admin.PostAsJsonAsync("/api/benefits/base-levels", new { scheme = "social_assistance", amount = -1, validFrom = "2025-01-01", source = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var db = app.NewDb(out var scope);
        using (scope)
        {
            var events = await db.AuditEvents.AsNoTracking().Where(e => e.Action == "benefit_base_level.confirm" || e.Action == "benefit_base_level.add").ToListAsync();
            Assert.Contains(events, e => e.Action == "benefit_base_level.confirm" && e.After!.Contains("321/2026", StringComparison.Ordinal) && e.UserName == "admin");
            Assert.Contains(events, e => e.Action == "benefit_base_level.add" && e.UnitCode == "79");
        }
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_administrator_loads_a_new_merit_table_edition_without_a_release_and_the_calculator_uses_it_from_its_date(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        object Quote(string date) => new { date, category = "martyr_relative", martyrs = 1 };

        // 2027 has no table of its own yet: refused, never scaled from the 2024 table.
        Assert.Contains("Chưa nạp bảng", await FailsAsync(await admin.PostAsJsonAsync("/api/benefits/merit/quote", Quote("2027-02-01")), HttpStatusCode.BadRequest), StringComparison.Ordinal);

        var table = new
        {
            table = "merit",
            validFrom = "2027-01-01",
            source = "Nghị định (thử nghiệm), Phụ lục I",
            rows = new object[]
            {
                new { row = "martyr_relative_1", allowance = 3_012_000 },
                new { row = "martyr_relative_2", allowance = 6_024_000 },
                new { row = "martyr_relative_3_or_more", allowance = 9_036_000 },
            },
        };
        var officer = await app.UserAsync("officer", "01699");
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync("/api/benefits/merit-rates", table)).StatusCode);
        Assert.Contains("không trùng", await FailsAsync(await admin.PostAsJsonAsync("/api/benefits/merit-rates", new
        {
            table = "merit",
            validFrom = "2027-01-01",
            source = "x",
            rows = new object[] { new { row = "a", allowance = 1 }, new { row = "a", allowance = 2 } },
        }), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/benefits/merit-rates", table)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/benefits/merit-rates", table)).StatusCode);

        var quote = await OkAsync(await admin.PostAsJsonAsync("/api/benefits/merit/quote", Quote("2027-02-01")));
        Assert.Equal(3_012_000, quote.GetProperty("monthlyAmount").GetInt64());
        Assert.Contains("thử nghiệm", quote.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        // The month before the edition still uses the 2024 table… which stops where the 2026 base level starts, as before.
        var before = await OkAsync(await admin.PostAsJsonAsync("/api/benefits/merit/quote", Quote("2026-01-01")));
        Assert.Equal(2_789_000, before.GetProperty("monthlyAmount").GetInt64());
    }
}

