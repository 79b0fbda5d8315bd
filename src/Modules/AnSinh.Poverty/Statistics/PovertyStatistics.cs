using System.Text.Json;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Poverty.Statistics;

public sealed record RateRow(string Code, string Name, long Households, long Poor, long NearPoor, decimal PoorRate, decimal NearPoorRate);

public sealed record PovertyFigures(
    string UnitCode, string UnitName, string Level, DateOnly Date, string Map,
    long Households, long Poor, long NearPoor, decimal PoorRate, decimal NearPoorRate,
    IReadOnlyList<RateRow> Rows, IReadOnlyList<RateRow> ByGroup, IReadOnlyDictionary<string, long> Movements, int Year);

/// <summary>
/// Lists and rates for a village, commune, district (old map) or province on any date: the
/// households on the register that day (their location then) against the statuses valid that day.
/// "then" counts under the map valid on the date; "today" re-aggregates under today's map.
/// </summary>
public sealed class PovertyStatistics(AnSinhDbContext db, ScopeResolver scopes)
{
    private const string Unassigned = "";

    public async Task<PovertyFigures> ComputeAsync(string? unitCode, DateOnly date, bool todayMap, CancellationToken ct = default)
    {
        var today = db.Today();
        if (date > today)
        {
            throw new InputValidationException("date", "Ngày thống kê ở tương lai.");
        }
        var mapDate = todayMap ? today : date;
        var code = (unitCode ?? "").Trim();
        var unit = await db.AdminUnits.AsNoTracking().ValidOn(mapDate).Where(u => u.Code == code).OrderBy(u => u.Level).FirstOrDefaultAsync(ct)
            ?? throw new InputValidationException("unitCode", $"Không có đơn vị hành chính mã \"{code}\" trong bản đồ hành chính ngày {mapDate:dd/MM/yyyy}.");
        await CheckScopeAsync(unit, ct);

        // Communes under the unit in the chosen map, and the key of the row each one counts in.
        var communes = unit.Level switch
        {
            AdminLevel.Commune => [unit],
            AdminLevel.District => await db.AdminUnits.AsNoTracking().ValidOn(mapDate).Where(u => u.Level == AdminLevel.Commune && u.ParentId == unit.Id).ToListAsync(ct),
            _ => await db.AdminUnits.AsNoTracking().ValidOn(mapDate).Where(u => u.Level == AdminLevel.Commune && u.ProvinceCode == unit.Code).ToListAsync(ct),
        };
        var oldMapProvince = unit.Level == AdminLevel.Province && communes.Any(c => c.ParentCode != unit.Code);
        var keyOf = new Dictionary<int, string>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var parents = oldMapProvince
            ? await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminLevel.District && u.ProvinceCode == unit.Code).ToDictionaryAsync(u => u.Id, ct)
            : [];
        foreach (var c in communes)
        {
            var key = unit.Level == AdminLevel.Commune ? c.Code : oldMapProvince && c.ParentId is { } pid && parents.TryGetValue(pid, out var d) ? d.Code : c.Code;
            keyOf[c.Id] = key;
            names[key] = oldMapProvince && c.ParentId is { } p2 && parents.TryGetValue(p2, out var d2) ? d2.FullName : c.FullName;
        }
        // Records kept under old communes that went wholly into a commune of this map count there.
        var ids = keyOf.Keys.ToList();
        var links = await db.AdminUnitLinks.AsNoTracking().Where(l => l.Level == AdminLevel.Commune && ids.Contains(l.NewUnitId)).ToListAsync(ct);
        foreach (var l in links.GroupBy(l => l.OldUnitId))
        {
            var targets = l.Select(x => x.NewUnitId).Distinct().ToList();
            if (keyOf.ContainsKey(l.Key))
            {
                continue;
            }
            if (targets.Count == 1 && l.All(x => x.Kind == SuccessionKind.Full))
            {
                keyOf[l.Key] = keyOf[targets[0]];
            }
            else if (unit.Level == AdminLevel.Province)
            {
                keyOf[l.Key] = Unassigned;
                names[Unassigned] = "Xã cũ chia tách, hộ chưa chuyển về xã mới";
            }
        }
        var all = keyOf.Keys.ToList();
        var byVillage = unit.Level == AdminLevel.Commune;

        // Households on the register that day, where they lived then (read from a covering index).
        var households = await db.Set<HouseholdLocation>().AsNoTracking()
            .Where(l => all.Contains(l.CommuneUnitId) && l.From <= date && (l.To == null || l.To >= date))
            .GroupBy(l => new { l.CommuneUnitId, Village = byVillage ? l.VillageName : null, l.IsUrban, l.EthnicMinority })
            .Select(g => new { g.Key.CommuneUnitId, g.Key.Village, g.Key.IsUrban, g.Key.EthnicMinority, Count = g.LongCount() })
            .ToListAsync(ct);
        var statuses = await db.Set<PovertyStatus>().AsNoTracking()
            .Where(s => all.Contains(s.CommuneUnitId) && (s.Status == PovertyClass.Poor || s.Status == PovertyClass.NearPoor) && s.From <= date && (s.To == null || s.To >= date))
            .GroupBy(s => new { s.CommuneUnitId, Village = byVillage ? s.VillageName : null, s.Status, s.IsUrban, s.EthnicMinority })
            .Select(g => new { g.Key.CommuneUnitId, g.Key.Village, g.Key.Status, g.Key.IsUrban, g.Key.EthnicMinority, Count = g.LongCount() })
            .ToListAsync(ct);

        string RowKey(int communeId, string? village) => byVillage ? village ?? "(chưa ghi thôn)" : keyOf[communeId];
        var rows = new Dictionary<string, long[]>(StringComparer.Ordinal);
        long[] Row(string key) => rows.TryGetValue(key, out var r) ? r : rows[key] = new long[3];
        foreach (var h in households)
        {
            Row(RowKey(h.CommuneUnitId, h.Village))[0] += h.Count;
        }
        foreach (var s in statuses)
        {
            Row(RowKey(s.CommuneUnitId, s.Village))[s.Status == PovertyClass.Poor ? 1 : 2] += s.Count;
        }
        if (!byVillage)
        {
            foreach (var k in keyOf.Values.Distinct())
            {
                Row(k);
            }
        }
        var rateRows = rows
            .Where(r => r.Key != Unassigned || r.Value.Any(v => v > 0))
            .Select(r => new RateRow(r.Key, byVillage ? r.Key : names.GetValueOrDefault(r.Key, r.Key), r.Value[0], r.Value[1], r.Value[2],
                ReviewRules.Rate(r.Value[1], r.Value[0]), ReviewRules.Rate(r.Value[2], r.Value[0])))
            .OrderBy(r => r.Code == Unassigned).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();

        RateRow Group(string code, string name, Func<bool, bool, bool> pick) => Rated(code, name,
            households.Where(g => pick(g.IsUrban, g.EthnicMinority)).Sum(g => g.Count),
            statuses.Where(s => s.Status == PovertyClass.Poor && pick(s.IsUrban, s.EthnicMinority)).Sum(s => s.Count),
            statuses.Where(s => s.Status == PovertyClass.NearPoor && pick(s.IsUrban, s.EthnicMinority)).Sum(s => s.Count));
        var byGroup = new List<RateRow>
        {
            Group("rural", "Nông thôn", (u, _) => !u),
            Group("urban", "Thành thị", (u, _) => u),
            Group("ethnic_minority", "Hộ dân tộc thiểu số", (_, m) => m),
            Group("kinh", "Hộ dân tộc Kinh", (_, m) => !m),
        };

        // The movements of the rounds decided in the year, up to the date (counted by each decision).
        var yearStart = new DateOnly(date.Year, 1, 1);
        var decided = await db.Set<ReviewRound>().AsNoTracking()
            .Where(r => all.Contains(r.CommuneUnitId) && r.DecidedOn >= yearStart && r.DecidedOn <= date && r.Movements != null)
            .Select(r => r.Movements!).ToListAsync(ct);
        var movementCounts = Enum.GetValues<Movement>().ToDictionary(ReviewRules.Code, _ => 0L, StringComparer.Ordinal);
        foreach (var json in decided)
        {
            foreach (var (movement, count) in JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? [])
            {
                movementCounts[movement] = movementCounts.GetValueOrDefault(movement) + count;
            }
        }

        var total = Rated(unit.Code, unit.FullName, rateRows.Sum(r => r.Households), rateRows.Sum(r => r.Poor), rateRows.Sum(r => r.NearPoor));
        return new PovertyFigures(unit.Code, unit.FullName, LevelCode(unit.Level), date, todayMap ? "today" : "then",
            total.Households, total.Poor, total.NearPoor, total.PoorRate, total.NearPoorRate, rateRows, byGroup, movementCounts, date.Year);
    }

    /// <summary>The poor and near-poor households of a commune on a date (the list the commune keeps).</summary>
    public async Task<List<ListedHousehold>> ListAsync(string? communeCode, DateOnly date, CancellationToken ct = default)
    {
        var code = (communeCode ?? "").Trim();
        var commune = await db.AdminUnits.AsNoTracking().ValidOn(date).FirstOrDefaultAsync(u => u.Code == code && u.Level == AdminLevel.Commune, ct)
            ?? throw new InputValidationException("unitCode", $"Không có xã mã \"{code}\" vào ngày {date:dd/MM/yyyy}.");
        await CheckScopeAsync(commune, ct);
        var ids = await db.AdminUnitLinks.AsNoTracking().Where(l => l.NewUnitId == commune.Id && l.Kind == SuccessionKind.Full).Select(l => l.OldUnitId).ToListAsync(ct);
        ids.Add(commune.Id);
        return await db.Set<PovertyStatus>().AsNoTracking()
            .Where(s => ids.Contains(s.CommuneUnitId) && s.From <= date && (s.To == null || s.To >= date) && (s.Status == PovertyClass.Poor || s.Status == PovertyClass.NearPoor))
            .Join(db.Set<Household>(), s => s.HouseholdId, h => h.Id, (s, h) => new { h.Id, h.Code, h.HeadName, s.VillageName, s.Status, s.From, s.Movement })
            .OrderBy(x => x.VillageName).ThenBy(x => x.Code)
            .Select(x => new ListedHousehold(x.Id, x.Code, x.HeadName, x.VillageName, x.Status, x.From, x.Movement))
            .ToListAsync(ct);
    }

    public sealed record ListedHousehold(Guid HouseholdId, string HouseholdCode, string? HeadName, string? Village, PovertyClass Status, DateOnly Since, Movement Movement);

    /// <summary>The poor and near-poor rates of a unit on 31 December of each year with records (for the chart).</summary>
    public async Task<List<(int Year, decimal PoorRate, decimal NearPoorRate)>> SeriesAsync(string? unitCode, CancellationToken ct = default)
    {
        var first = await db.Set<ReviewRound>().AsNoTracking().Where(r => r.DecidedOn != null).MinAsync(r => r.DecidedOn, ct);
        var today = db.Today();
        var list = new List<(int, decimal, decimal)>();
        if (first is null)
        {
            return list;
        }
        for (var y = first.Value.Year; y <= today.Year; y++)
        {
            var d = y == today.Year ? today : new DateOnly(y, 12, 31);
            var f = await ComputeAsync(unitCode, d, todayMap: true, ct);
            list.Add((y, f.PoorRate, f.NearPoorRate));
        }
        return list;
    }

    private static RateRow Rated(string code, string name, long households, long poor, long nearPoor) =>
        new(code, name, households, poor, nearPoor, ReviewRules.Rate(poor, households), ReviewRules.Rate(nearPoor, households));

    private static string LevelCode(AdminLevel l) => l switch
    {
        AdminLevel.Province => "province",
        AdminLevel.District => "district",
        _ => "commune",
    };

    private async Task CheckScopeAsync(AdminUnit unit, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        var allowed = scope.Kind switch
        {
            ScopeKind.Nation => true,
            ScopeKind.Province => unit.CurrentProvinceCode == scope.ProvinceCode,
            ScopeKind.Commune => unit.Level == AdminLevel.Commune && scope.CommuneIds.Contains(unit.Id),
            _ => false,
        };
        if (!allowed)
        {
            await db.AuditDeniedAsync("admin_unit", unit.Code, unit.Code, ct);
            throw new NotFoundException("Không tìm thấy đơn vị trong phạm vi của bạn.");
        }
    }
}
