using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Indicators;

/// <summary>
/// A unit of a map and the units whose records count in it, each assigned to one row of the
/// unit's table (a commune; a district of the old map; the unit itself for what is kept at its own
/// level or under an old commune split between new ones). Under today's map, records kept under
/// an old commune that went wholly into a new one count there.
/// </summary>
public sealed record UnitSet(AdminUnit Unit, DateOnly MapDate, IReadOnlyList<AdminUnit> Children, IReadOnlyDictionary<int, int> RowOf)
{
    public IReadOnlyCollection<int> Ids => (IReadOnlyCollection<int>)RowOf.Keys;

    public static async Task<UnitSet> ResolveAsync(AnSinhDbContext db, string? unitCode, DateOnly mapDate, CancellationToken ct)
    {
        var code = (unitCode ?? "").Trim();
        var unit = await db.AdminUnits.AsNoTracking().ValidOn(mapDate).Where(u => u.Code == code).OrderBy(u => u.Level).FirstOrDefaultAsync(ct)
            ?? throw new InputValidationException("unitCode", $"Không có đơn vị hành chính mã \"{code}\" trong bản đồ hành chính ngày {mapDate:dd/MM/yyyy}.");
        var rowOf = new Dictionary<int, int> { [unit.Id] = unit.Id };
        List<AdminUnit> children;
        if (unit.Level == AdminLevel.Commune)
        {
            children = [unit];
        }
        else if (unit.Level == AdminLevel.District)
        {
            children = await db.AdminUnits.AsNoTracking().ValidOn(mapDate).Where(u => u.Level == AdminLevel.Commune && u.ParentId == unit.Id).OrderBy(u => u.Code).ToListAsync(ct);
        }
        else
        {
            var inMap = await db.AdminUnits.AsNoTracking().ValidOn(mapDate).Where(u => u.ProvinceCode == unit.Code && u.Level != AdminLevel.Province).ToListAsync(ct);
            var districts = inMap.Where(u => u.Level == AdminLevel.District).OrderBy(u => u.Code).ToList();
            if (districts.Count > 0)
            {
                children = districts;
                foreach (var c in inMap.Where(u => u.Level == AdminLevel.Commune))
                {
                    rowOf[c.Id] = c.ParentId is { } p && districts.Any(d => d.Id == p) ? p : unit.Id;
                }
            }
            else
            {
                children = inMap.Where(u => u.Level == AdminLevel.Commune).OrderBy(u => u.Code).ToList();
            }
        }
        foreach (var c in children)
        {
            rowOf[c.Id] = c.Id;
        }
        // Records kept under units no longer in this map: an old commune that went wholly into one commune counts there;
        // other old units of the same province (split communes, old districts and provinces) count at the unit's own row.
        var current = children.Select(c => c.Id).ToList();
        var links = await db.AdminUnitLinks.AsNoTracking().Where(l => l.Level == AdminLevel.Commune && current.Contains(l.NewUnitId)).ToListAsync(ct);
        foreach (var old in links.GroupBy(l => l.OldUnitId))
        {
            if (rowOf.ContainsKey(old.Key))
            {
                continue;
            }
            var targets = old.Select(l => l.NewUnitId).Distinct().ToList();
            if (targets.Count == 1 && old.All(l => l.Kind == SuccessionKind.Full))
            {
                rowOf[old.Key] = rowOf[targets[0]];
            }
        }
        if (unit.Level == AdminLevel.Province && unit.ValidTo is null)
        {
            foreach (var id in await db.AdminUnits.AsNoTracking().Where(u => u.CurrentProvinceCode == unit.CurrentProvinceCode).Select(u => u.Id).ToListAsync(ct))
            {
                rowOf.TryAdd(id, unit.Id);
            }
        }
        return new UnitSet(unit, mapDate, children, rowOf);
    }
}
