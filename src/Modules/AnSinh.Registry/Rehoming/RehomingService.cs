using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Registry.Rehoming;

public sealed record RehomingSummary(int Moved, int WaitingInWorklist);

public sealed record WorklistItem(Guid HouseholdId, string Code, string OldCommuneCode, string OldCommuneName, string? Village, string Address, string? HeadName,
    IReadOnlyList<SuccessorOption> Options);

public sealed record SuccessorOption(string Code, string Name, string Kind);

/// <summary>
/// Moves households recorded in a commune of the pre-July-2025 map to their commune of the new map:
/// by themselves where the old commune went wholly into one new commune, through a worklist
/// (by village) where it was split. The old location stays in the household's history.
/// </summary>
public sealed class RehomingService(AnSinhDbContext db, ScopeResolver scopes)
{
    public async Task<RehomingSummary> RehomeAutomaticAsync(CancellationToken ct = default)
    {
        RequireEditor();
        var scope = await scopes.CurrentAsync(ct);
        var newFrom = AdminMapSource.NewMapValidFrom;
        // Old communes linked to exactly one new commune, wholly.
        var links = await db.AdminUnitLinks.AsNoTracking().Where(l => l.Level == AdminLevel.Commune).ToListAsync(ct);
        var single = links.GroupBy(l => l.OldUnitId)
            .Where(g => g.Count() == 1 && g.First().Kind == SuccessionKind.Full)
            .ToDictionary(g => g.Key, g => g.First());
        var oldIds = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminLevel.Commune && u.ValidTo != null).Select(u => u.Id).ToListAsync(ct);
        var households = await db.Set<Household>().InScope(scope).Where(h => oldIds.Contains(h.CommuneUnitId)).ToListAsync(ct);
        var newUnits = await db.AdminUnits.AsNoTracking().Where(u => u.ValidFrom == newFrom && u.Level == AdminLevel.Commune).ToDictionaryAsync(u => u.Id, ct);
        var moved = 0;
        await using var tx = await db.BeginWriteAsync(ct);
        // The new communes' code series are locked first, in one order, before anything is written.
        foreach (var targetId in households.Select(h => single.TryGetValue(h.CommuneUnitId, out var l) ? l.NewUnitId : 0).Where(newUnits.ContainsKey).Distinct().Order())
        {
            await CodesInAsync(targetId, ct);
        }
        foreach (var h in households)
        {
            if (single.TryGetValue(h.CommuneUnitId, out var link) && newUnits.TryGetValue(link.NewUnitId, out var target))
            {
                await MoveAsync(h, target, h.VillageName, ct);
                moved++;
            }
        }
        db.Audit("rehoming.auto", "household", null, scope.Unit?.Code, after: new { moved, waiting = households.Count - moved });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RehomingSummary(moved, households.Count - moved);
    }

    public async Task<IReadOnlyList<WorklistItem>> WorklistAsync(CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var oldUnits = await db.AdminUnits.AsNoTracking().Where(u => u.Level == AdminLevel.Commune && u.ValidTo != null)
            .ToDictionaryAsync(u => u.Id, ct);
        var oldIds = oldUnits.Keys.ToList();
        var households = await db.Set<Household>().AsNoTracking().InScope(scope).Where(h => oldIds.Contains(h.CommuneUnitId))
            .OrderBy(h => h.CommuneCode).ThenBy(h => h.VillageName).ThenBy(h => h.Code).Take(2000).ToListAsync(ct);
        var ids = households.Select(h => h.CommuneUnitId).Distinct().ToList();
        var links = await db.AdminUnitLinks.AsNoTracking().Where(l => ids.Contains(l.OldUnitId)).ToListAsync(ct);
        var targetIds = links.Select(l => l.NewUnitId).ToList();
        var targets = await db.AdminUnits.AsNoTracking().Where(u => targetIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return households.Select(h => new WorklistItem(h.Id, h.Code, h.CommuneCode, oldUnits[h.CommuneUnitId].FullName, h.VillageName, h.Address, h.HeadName,
            links.Where(l => l.OldUnitId == h.CommuneUnitId).Select(l => new SuccessorOption(l.NewCode, targets[l.NewUnitId].FullName, l.Kind == SuccessionKind.Full ? "full" : "partial")).ToList()))
            .ToList();
    }

    /// <summary>Moves the households of one village (or one household) of a split old commune to the chosen new commune.</summary>
    public async Task<int> AssignAsync(Guid? householdId, string? oldCommuneCode, string? village, string newCommuneCode, CancellationToken ct = default)
    {
        RequireEditor();
        var scope = await scopes.CurrentAsync(ct);
        var target = await db.FindCommuneAsync(newCommuneCode, AdminMapSource.NewMapValidFrom, ct)
            ?? throw new InputValidationException("newCommuneCode", $"Mã xã mới \"{newCommuneCode}\" không có trong danh mục từ 01/7/2025.");
        var q = db.Set<Household>().InScope(scope);
        List<Household> households = [];
        if (householdId is { } id)
        {
            households = await q.Where(h => h.Id == id).ToListAsync(ct);
            if (households.Count == 0)
            {
                throw new NotFoundException("Không tìm thấy hộ.");
            }
        }
        var allowed = await db.AdminUnitLinks.AsNoTracking().Where(l => l.NewUnitId == target.Id).Select(l => l.OldUnitId).ToListAsync(ct);
        if (householdId is null)
        {
            // By village of an old commune: only households still in the old map's unit (a code may live on in the new map).
            var inOldCommune = q.Where(h => h.CommuneCode == oldCommuneCode && allowed.Contains(h.CommuneUnitId));
            // A household recorded without a village is grouped under "no village" in the worklist.
            households = string.IsNullOrEmpty(village)
                ? await inOldCommune.Where(h => h.VillageName == null || h.VillageName == "").ToListAsync(ct)
                : await inOldCommune.Where(h => h.VillageName == village).ToListAsync(ct);
            if (households.Count == 0)
            {
                throw new InputValidationException("oldCommuneCode", $"Không có hộ nào của xã cũ {oldCommuneCode}{(string.IsNullOrEmpty(village) ? "" : $", thôn {village}")} chờ chuyển về {target.FullName}.");
            }
        }
        var wrong = households.FirstOrDefault(h => !allowed.Contains(h.CommuneUnitId));
        if (wrong is not null)
        {
            throw new RuleViolationException($"Xã cũ {wrong.CommuneCode} không được sáp nhập vào {target.FullName}.");
        }
        await using var tx = await db.BeginWriteAsync(ct);
        await CodesInAsync(target.Id, ct);
        foreach (var h in households)
        {
            await MoveAsync(h, target, h.VillageName, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return households.Count;
    }

    private async Task MoveAsync(Household h, AdminUnit target, string? villageName, CancellationToken ct)
    {
        var date = AdminMapSource.NewMapValidFrom;
        var open = await db.Set<HouseholdLocation>().Where(l => l.HouseholdId == h.Id && l.To == null).ToListAsync(ct);
        foreach (var l in open)
        {
            l.To = date.AddDays(-1);
        }
        db.Add(new HouseholdLocation
        {
            HouseholdId = h.Id,
            CommuneUnitId = target.Id,
            CommuneCode = target.Code,
            VillageName = villageName,
            IsUrban = target.IsUrban,
            EthnicMinority = open.Any(l => l.EthnicMinority),
            From = date,
        });
        var oldCode = h.CommuneCode;
        // Codes repeat across communes: a code already used in the new commune gives way to its next free one.
        var taken = await CodesInAsync(target.Id, ct);
        var oldHouseholdCode = h.Code;
        if (!taken.Add(h.Code))
        {
            var n = taken.Count;
            string next;
            do
            {
                next = (++n).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            }
            while (taken.Contains(next));
            taken.Add(next);
            h.Code = next;
        }
        h.CommuneUnitId = target.Id;
        h.CommuneCode = target.Code;
        h.ProvinceCode = target.CurrentProvinceCode;
        h.IsUrban = target.IsUrban;
        h.VillageId = villageName is null ? null : (await VillageInAsync(target.Id, villageName, ct)).Id;
        h.Version++;
        await db.Set<Person>().Where(p => p.HouseholdId == h.Id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.CommuneUnitId, target.Id)
            .SetProperty(p => p.CommuneCode, target.Code)
            .SetProperty(p => p.ProvinceCode, target.CurrentProvinceCode), ct);
        db.Add(new HouseholdEvent
        {
            Id = Guid.CreateVersion7(),
            HouseholdId = h.Id,
            Kind = HouseholdEventKind.Rehomed,
            Date = date,
            Reason = oldHouseholdCode == h.Code
                ? $"Sắp xếp đơn vị hành chính: từ xã cũ {oldCode} về {target.FullName}"
                : $"Sắp xếp đơn vị hành chính: từ xã cũ {oldCode} về {target.FullName}; mã hộ {oldHouseholdCode} đã có ở xã mới nên hộ nhận mã {h.Code}",
            OtherCommuneCode = oldCode,
            RecordedAt = db.Now(),
            RecordedBy = db.Actor.UserName,
        });
    }

    private readonly Dictionary<(int, string), Village> _villages = [];
    private readonly Dictionary<int, HashSet<string>> _codes = [];

    /// <summary>The household codes of a commune, read once under its series lock (inside the move's transaction).</summary>
    private async Task<HashSet<string>> CodesInAsync(int communeId, CancellationToken ct)
    {
        if (!_codes.TryGetValue(communeId, out var codes))
        {
            await db.LockSeriesAsync(UnitSeries.HouseholdCode, communeId, ct);
            codes = (await db.Set<Household>().AsNoTracking().Where(x => x.CommuneUnitId == communeId).Select(x => x.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            _codes[communeId] = codes;
        }
        return codes;
    }

    /// <summary>The village keeps its name in the new commune; it joins that commune's list if it is not there yet.</summary>
    private async Task<Village> VillageInAsync(int communeId, string name, CancellationToken ct)
    {
        var key = Platform.Text.VietnameseText.SearchKey(name);
        if (_villages.TryGetValue((communeId, key), out var known))
        {
            return known;
        }
        var village = await db.Villages.FirstOrDefaultAsync(v => v.CommuneUnitId == communeId && v.SearchName == key, ct);
        if (village is null)
        {
            village = new Village { CommuneUnitId = communeId, Name = name, SearchName = key };
            db.Villages.Add(village);
            await db.SaveChangesAsync(ct);
        }
        _villages[(communeId, key)] = village;
        return village;
    }

    private void RequireEditor()
    {
        if (!Roles.CanEditRegister(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được sửa sổ hộ.");
        }
    }
}
