using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Persistence;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Programs.Indicators;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Reports;

/// <summary>One unit's figures as the public sees them: counts under 5 shown as "&lt; 5", rates hidden where they would tell a small count.</summary>
public sealed record PublicRow(string Code, string Name, string Households, string Poor, string PoorRate, string NearPoor, string NearPoorRate,
    string EscapedPoverty, string HousesBuilt, string HousesRepaired, string JobsCreated);

public sealed record PublicUnit(string Code, string Name, int Year, DateOnly AsOf, PublicRow Total, IReadOnlyList<PublicRow> Rows);

/// <summary>A list posted for a review round, shown only during its posting period: household head, village, category, decision — no more (RULES.md §6).</summary>
public sealed record PublicPostedList(Guid RoundId, string CommuneCode, string CommuneName, DateOnly PostingStart, DateOnly PostingEnd, IReadOnlyList<PublicPostedEntry> Entries);

public sealed record PublicPostedEntry(string HeadName, string? Village, string Category);

/// <summary>The public transparency portal's figures (issue #6, item 7): no sign-in, nothing that can reveal a person.</summary>
public sealed class PublicFigures(AnSinhDbContext db, IndicatorSummaries summaries)
{
    public static PublicRow Row(string code, string name, IReadOnlyDictionary<string, decimal> v)
    {
        long Get(string k) => (long)v.GetValueOrDefault(k);
        var households = Get(Catalogue.Households);
        var poor = Get(Catalogue.PoorHouseholds);
        var near = Get(Catalogue.NearPoorHouseholds);
        return new PublicRow(code, name, PublicRules.Count(households), PublicRules.Count(poor), PublicRules.Rate(poor, households, v.GetValueOrDefault(Catalogue.PoorRate)),
            PublicRules.Count(near), PublicRules.Rate(near, households, v.GetValueOrDefault(Catalogue.NearPoorRate)), PublicRules.Count(Get(Catalogue.EscapedPoverty)),
            PublicRules.Count(Get(Catalogue.HousesBuilt)), PublicRules.Count(Get(Catalogue.HousesRepaired)), PublicRules.Count(Get(Catalogue.JobsCreated)));
    }

    public async Task<List<AdminUnit>> ProvincesAsync(CancellationToken ct) =>
        await db.AdminUnits.AsNoTracking().ValidOn(db.Today()).Where(u => u.Level == AdminLevel.Province).OrderBy(u => u.Code).ToListAsync(ct);

    /// <summary>A province (with its communes) or a commune, for a year, under today's map.</summary>
    public async Task<PublicUnit> UnitAsync(string? unitCode, int? year, CancellationToken ct = default)
    {
        var y = year ?? db.Today().Year;
        var set = await summaries.ResolveAsync(unitCode, y, ReportPeriod.Year, todayMap: true, ct);
        var values = await summaries.ReadAsync(set, y, ReportPeriod.Year, checkScope: false, ct);
        var rows = set.Unit.Level == AdminLevel.Commune ? [] : (await summaries.ReadChildrenAsync(set, y, ReportPeriod.Year, ct)).Select(c => Row(c.Code, c.Name, c.Values)).ToList();
        return new PublicUnit(set.Unit.Code, set.Unit.FullName, y, values.AsOf, Row(set.Unit.Code, set.Unit.FullName, values.Values), rows);
    }

    /// <summary>The lists of review rounds whose posting period includes today, in a province or commune.</summary>
    public async Task<List<PublicPostedList>> PostedListsAsync(string? unitCode, CancellationToken ct = default)
    {
        var today = db.Today();
        var code = (unitCode ?? "").Trim();
        var rounds = await (from r in db.Set<ReviewRound>().AsNoTracking()
                            join u in db.AdminUnits.AsNoTracking() on r.CommuneUnitId equals u.Id
                            where r.PostingStart <= today && r.PostingEnd >= today && (code == "" || u.Code == code || u.CurrentProvinceCode == code)
                            orderby u.Code
                            select new { r.Id, u.Code, u.FullName, Start = r.PostingStart!.Value, End = r.PostingEnd!.Value }).Take(50).ToListAsync(ct);
        var lists = new List<PublicPostedList>();
        foreach (var r in rounds)
        {
            var entries = await db.Set<ReviewHousehold>().AsNoTracking()
                .Where(x => x.RoundId == r.Id && (x.Result == PovertyClass.Poor || x.Result == PovertyClass.NearPoor))
                .OrderBy(x => x.VillageName).ThenBy(x => x.HeadName)
                .Select(x => new { x.HeadName, x.VillageName, x.Result }).ToListAsync(ct);
            lists.Add(new PublicPostedList(r.Id, r.Code, r.FullName, r.Start, r.End,
                entries.Select(e => new PublicPostedEntry(e.HeadName ?? "", e.VillageName, ReviewRules.VietnameseName(e.Result!.Value))).ToList()));
        }
        return lists;
    }
}
