using System.Globalization;
using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Registers;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Benefits.PresidentGifts;

public sealed record GiftListRequest(string? CommuneCode, string? Occasion, int? Year, DateOnly? AsOf);

public sealed record GiftListView(Guid Id, string CommuneCode, string CommuneName, string Occasion, string OccasionName, int Year, DateOnly AsOf, int People, long Total,
    int Delivered, long DeliveredAmount, DateTime ComputedAt, string ComputedBy);

public sealed record GiftLineView(long Id, Guid PersonId, string FullName, string Row, long Amount, string Basis, DateOnly? DeliveredOn);

public sealed record DeliveryRequest(DateOnly? Date, List<Guid>? PersonIds);

public sealed record DeliveryResult(int People, long Amount);

public sealed record GiftLevelCount(long Amount, int People);

public sealed record GiftTotalRow(string CommuneCode, string CommuneName, int People, long Total, IReadOnlyList<GiftLevelCount> Levels, int Delivered, long DeliveredAmount);

public sealed record GiftTotals(string UnitCode, string UnitName, string Occasion, int Year, int People, long Total, int Delivered, long DeliveredAmount, IReadOnlyList<GiftTotalRow> Rows);

/// <summary>
/// The President's gifts to merit people for Tết and 27/7: the list of a commune drawn from the
/// merit register (one gift per person at the highest level, one representative per martyr), the
/// gifts handed over, the list to sign and the totals per unit.
/// </summary>
public sealed class PresidentGiftLists(AnSinhDbContext db, ScopeResolver scopes)
{
    public static bool CanWrite(Role role) => role is Role.Administrator or Role.Officer;

    public static bool CanRead(Role role) => role is Role.Administrator or Role.Officer or Role.Approver or Role.Inspector;

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private async Task<AdminUnit> CommuneAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new InputValidationException("communeCode", "Cần mã xã.");
        }
        var unit = await db.FindCommuneAsync(code.Trim(), db.Today(), ct)
            ?? throw new InputValidationException("communeCode", $"Không có xã (phường) mã {code.Trim()} trong danh mục hiện hành.");
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.Allows(unit.Id, unit.ProvinceCode))
        {
            await db.AuditDeniedAsync("president_gifts", unit.Code, unit.Code, ct);
            throw new InputValidationException("communeCode", "Xã này ngoài địa bàn bạn phụ trách.");
        }
        return unit;
    }

    /// <summary>Draws (or draws again, while no gift is handed over) a commune's list for an occasion and year.</summary>
    public async Task<GiftListView> ComputeAsync(GiftListRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được lập danh sách tặng quà.");
        }
        var errors = new ValidationErrors();
        var occasion = r.Occasion?.Trim().ToLowerInvariant();
        if (occasion is null || !GiftRules.Occasions.Contains(occasion))
        {
            errors.Add("occasion", "Dịp tặng quà phải là tet (Tết Nguyên đán) hoặc july27 (Ngày Thương binh – Liệt sĩ).");
        }
        var today = db.Today();
        if (r.Year is not { } year || year < 2023 || year > today.Year + 1)
        {
            errors.Add("year", $"Năm phải từ 2023 đến {today.Year + 1}.");
            year = 0;
        }
        errors.ThrowIfAny();
        var asOf = r.AsOf ?? (occasion == "tet" ? new DateOnly(year, 1, 1) : new DateOnly(year, 7, 1));
        if (asOf > today.AddDays(60))
        {
            throw new InputValidationException("asOf", $"Ngày chốt danh sách {asOf:dd/MM/yyyy} quá xa trong tương lai; chỉ lập trước tối đa 60 ngày.");
        }
        var unit = await CommuneAsync(r.CommuneCode, ct);
        await using var tx = await db.BeginWriteAsync(ct);
        var list = await db.Set<PresidentGiftList>().FirstOrDefaultAsync(l => l.CommuneUnitId == unit.Id && l.Occasion == occasion && l.Year == year, ct);
        if (list is not null)
        {
            if (await db.Set<PresidentGift>().AnyAsync(g => g.ListId == list.Id && g.DeliveredOn != null, ct))
            {
                throw new RuleViolationException($"Danh sách quà {GiftRules.OccasionName(occasion!)} {year} của {unit.FullName} đã bắt đầu phát; không lập lại.");
            }
            await db.Set<PresidentGift>().Where(g => g.ListId == list.Id).ExecuteDeleteAsync(ct);
        }
        else
        {
            list = new PresidentGiftList
            {
                Id = Guid.CreateVersion7(),
                CommuneUnitId = unit.Id,
                CommuneCode = unit.Code,
                CommuneName = unit.FullName,
                ProvinceCode = unit.ProvinceCode,
                Occasion = occasion!,
                Year = year,
                ComputedBy = db.Actor.UserName,
            };
            db.Add(list);
        }
        var records = await db.Set<Beneficiary>().AsNoTracking()
            .Where(b => b.CommuneUnitId == unit.Id && b.Scheme == Scheme.Merit && b.EntitledFrom <= asOf && (b.EndedOn == null || b.EndedOn >= asOf))
            .OrderBy(b => b.FullName).ThenBy(b => b.Id).ToListAsync(ct);
        var candidates = records.Select(b => new GiftCandidate(b.Id, b.PersonId, b.HouseholdId, b.FullName, b.BirthDate, b.Category ?? "", b.Martyrs, b.InjuryPercent,
            (b.MartyrCertificates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))).ToList();
        var levels = await db.Set<GiftLevel>().AsNoTracking().ToListAsync(ct);
        // One gift per person and one representative per martyr across the province: what the
        // lists of the other communes for the same occasion already give counts here.
        var listId = list.Id;
        var others = await (from g in db.Set<PresidentGift>().AsNoTracking()
                            join l in db.Set<PresidentGiftList>().AsNoTracking() on g.ListId equals l.Id
                            join b in db.Set<Beneficiary>().AsNoTracking() on g.BeneficiaryId equals b.Id
                            where l.ProvinceCode == unit.ProvinceCode && l.Occasion == occasion && l.Year == year && l.Id != listId && g.Amount > 0
                            select new { g.PersonId, l.CommuneName, g.Row, b.MartyrCertificates }).ToListAsync(ct);
        var elsewhere = new GiftsElsewhere(
            others.GroupBy(o => o.PersonId).ToDictionary(g => g.Key, g => g.First().CommuneName),
            others.Where(o => o.Row is "martyr_representative" or "martyr_relatives_2_or_more")
                .SelectMany(o => (o.MartyrCertificates ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => (Certificate: c, o.CommuneName)))
                .GroupBy(x => x.Certificate, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().CommuneName, StringComparer.Ordinal));
        var decisions = GiftRules.Decide(candidates, levels, asOf, elsewhere);
        var gifts = decisions.Select(d => new PresidentGift
        {
            ListId = list.Id,
            PersonId = d.Candidate.PersonId,
            BeneficiaryId = d.Candidate.BeneficiaryId,
            FullName = d.Candidate.FullName,
            Row = d.Row,
            Amount = d.Amount,
            Basis = d.Basis.Length > 400 ? d.Basis[..400] : d.Basis,
        }).ToList();
        db.AddRange(gifts);
        list.AsOf = asOf;
        list.People = gifts.Count(g => g.Amount > 0);
        list.Total = gifts.Sum(g => g.Amount);
        list.ComputedAt = db.Now();
        list.ComputedBy = db.Actor.UserName;
        db.Audit("president_gifts.compute", "president_gift_list", list.Id.ToString(), unit.Code,
            after: new { occasion, year, asOf, list.People, list.Total, notGiven = gifts.Count(g => g.Amount == 0) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await ViewAsync(list, ct);
    }

    private async Task<GiftListView> ViewAsync(PresidentGiftList l, CancellationToken ct)
    {
        var delivered = await db.Set<PresidentGift>().AsNoTracking().Where(g => g.ListId == l.Id && g.DeliveredOn != null).Select(g => g.Amount).ToListAsync(ct);
        return new GiftListView(l.Id, l.CommuneCode, l.CommuneName, l.Occasion, GiftRules.OccasionName(l.Occasion), l.Year, l.AsOf, l.People, l.Total, delivered.Count,
            delivered.Sum(), l.ComputedAt, l.ComputedBy);
    }

    private async Task<PresidentGiftList> FindAsync(Guid id, CancellationToken ct)
    {
        if (!CanRead(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được xem danh sách tặng quà (có tên người có công).");
        }
        var list = await db.Set<PresidentGiftList>().FirstOrDefaultAsync(l => l.Id == id, ct);
        var scope = await scopes.CurrentAsync(ct);
        if (list is null || !scope.Allows(list.CommuneUnitId, list.ProvinceCode))
        {
            if (list is not null)
            {
                await db.AuditDeniedAsync("president_gift_list", id.ToString(), list.CommuneCode, ct);
            }
            throw new NotFoundException("Không tìm thấy danh sách tặng quà này trong phạm vi của bạn.");
        }
        return list;
    }

    public async Task<(GiftListView List, List<GiftLineView> Lines)> GetAsync(Guid id, CancellationToken ct = default)
    {
        var list = await FindAsync(id, ct);
        var lines = await db.Set<PresidentGift>().AsNoTracking().Where(g => g.ListId == id).OrderByDescending(g => g.Amount).ThenBy(g => g.FullName).ThenBy(g => g.Id)
            .Select(g => new GiftLineView(g.Id, g.PersonId, g.FullName, g.Row, g.Amount, g.Basis, g.DeliveredOn)).ToListAsync(ct);
        db.Audit("president_gifts.read", "president_gift_list", id.ToString(), list.CommuneCode, after: new { lines = lines.Count });
        await db.SaveChangesAsync(ct);
        return (await ViewAsync(list, ct), lines);
    }

    public async Task<List<GiftListView>> ListAsync(string? communeCode, int? year, CancellationToken ct = default)
    {
        if (!CanRead(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được xem danh sách tặng quà.");
        }
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<PresidentGiftList>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var unit = await CommuneAsync(communeCode, ct);
            q = q.Where(l => l.CommuneUnitId == unit.Id);
        }
        else if (scope.Kind == ScopeKind.Province)
        {
            q = q.Where(l => l.ProvinceCode == scope.ProvinceCode);
        }
        else if (scope.Kind != ScopeKind.Nation)
        {
            var ids = scope.CommuneIds.ToList();
            q = q.Where(l => ids.Contains(l.CommuneUnitId));
        }
        if (year is { } y)
        {
            q = q.Where(l => l.Year == y);
        }
        var lists = await q.OrderByDescending(l => l.Year).ThenBy(l => l.CommuneCode).ThenBy(l => l.Occasion).Take(200).ToListAsync(ct);
        var result = new List<GiftListView>(lists.Count);
        foreach (var l in lists)
        {
            result.Add(await ViewAsync(l, ct));
        }
        return result;
    }

    /// <summary>Records the gifts handed over on a date: to the people named, or to everyone on the list not yet given one.</summary>
    public async Task<DeliveryResult> DeliverAsync(Guid id, DeliveryRequest r, CancellationToken ct = default)
    {
        if (!CanWrite(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được ghi việc trao quà.");
        }
        if (r.Date is null)
        {
            throw new InputValidationException("date", "Cần ngày trao quà.");
        }
        if (r.Date > db.Today())
        {
            throw new InputValidationException("date", $"Ngày trao quà {r.Date:dd/MM/yyyy} ở tương lai.");
        }
        var list = await FindAsync(id, ct);
        await using var tx = await db.BeginWriteAsync(ct);
        var gifts = await db.Set<PresidentGift>().Where(g => g.ListId == id && g.Amount > 0).ToListAsync(ct);
        var chosen = gifts.Where(g => g.DeliveredOn is null).ToList();
        if (r.PersonIds is { Count: > 0 } named)
        {
            var errors = new ValidationErrors();
            foreach (var person in named.Distinct())
            {
                var gift = gifts.FirstOrDefault(g => g.PersonId == person);
                if (gift is null)
                {
                    errors.Add("personIds", $"Người {person} không có suất quà trong danh sách này.");
                }
                else if (gift.DeliveredOn is { } on)
                {
                    errors.Add("personIds", $"{gift.FullName} đã nhận quà ngày {on:dd/MM/yyyy}; mỗi người một suất.");
                }
            }
            errors.ThrowIfAny();
            chosen = chosen.Where(g => named.Contains(g.PersonId)).ToList();
        }
        if (chosen.Count == 0)
        {
            throw new RuleViolationException("Mọi suất quà trong danh sách đã được trao.");
        }
        foreach (var g in chosen)
        {
            g.DeliveredOn = r.Date;
            g.DeliveredBy = db.Actor.UserName;
        }
        db.Audit("president_gifts.deliver", "president_gift_list", id.ToString(), list.CommuneCode, after: new { date = r.Date, people = chosen.Count, amount = chosen.Sum(g => g.Amount) });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new DeliveryResult(chosen.Count, chosen.Sum(g => g.Amount));
    }

    /// <summary>Totals of an occasion for a commune or a province, per commune (numbers only).</summary>
    public async Task<GiftTotals> TotalsAsync(string? unitCode, string? occasion, int? year, CancellationToken ct = default)
    {
        var o = occasion?.Trim().ToLowerInvariant();
        if (o is null || !GiftRules.Occasions.Contains(o))
        {
            throw new InputValidationException("occasion", "Dịp tặng quà phải là tet hoặc july27.");
        }
        var code = unitCode?.Trim() ?? throw new InputValidationException("unitCode", "Cần mã đơn vị (tỉnh hoặc xã).");
        var y = year ?? db.Today().Year;
        var unit = await db.AdminUnits.AsNoTracking().ValidOn(db.Today()).FirstOrDefaultAsync(u => u.Code == code && (u.Level == AdminLevel.Province || u.Level == AdminLevel.Commune), ct)
            ?? throw new InputValidationException("unitCode", $"Không có tỉnh hoặc xã mã {code} trong danh mục hiện hành.");
        var scope = await scopes.CurrentAsync(ct);
        var allowed = unit.Level == AdminLevel.Province
            ? scope.Kind == ScopeKind.Nation || (scope.Kind == ScopeKind.Province && scope.ProvinceCode == unit.Code)
            : scope.Allows(unit.Id, unit.ProvinceCode);
        if (!allowed)
        {
            await db.AuditDeniedAsync("president_gifts", unit.Code, unit.Code, ct);
            throw new NotFoundException("Đơn vị này ngoài phạm vi của bạn.");
        }
        var lists = db.Set<PresidentGiftList>().AsNoTracking().Where(l => l.Occasion == o && l.Year == y
            && (unit.Level == AdminLevel.Province ? l.ProvinceCode == unit.Code : l.CommuneUnitId == unit.Id));
        var groups = await (from l in lists
                            join g in db.Set<PresidentGift>().AsNoTracking() on l.Id equals g.ListId
                            where g.Amount > 0
                            group g by new { l.CommuneCode, l.CommuneName, g.Amount, Delivered = g.DeliveredOn != null } into x
                            select new { x.Key.CommuneCode, x.Key.CommuneName, x.Key.Amount, x.Key.Delivered, People = x.Count() }).ToListAsync(ct);
        var result = groups.GroupBy(x => (x.CommuneCode, x.CommuneName)).OrderBy(x => x.Key.CommuneCode)
            .Select(c => new GiftTotalRow(c.Key.CommuneCode, c.Key.CommuneName, c.Sum(x => x.People), c.Sum(x => x.Amount * x.People),
                c.GroupBy(x => x.Amount).OrderByDescending(a => a.Key).Select(a => new GiftLevelCount(a.Key, a.Sum(x => x.People))).ToList(),
                c.Where(x => x.Delivered).Sum(x => x.People), c.Where(x => x.Delivered).Sum(x => x.Amount * x.People))).ToList();
        return new GiftTotals(unit.Code, unit.FullName, o, y, result.Sum(r => r.People), result.Sum(r => r.Total), result.Sum(r => r.Delivered), result.Sum(r => r.DeliveredAmount), result);
    }

    /// <summary>The list to sign (danh sách nhận quà), .xlsx: the gifts, then the records given none and why.</summary>
    public async Task XlsxAsync(Stream output, Guid id, CancellationToken ct)
    {
        var (list, lines) = await GetAsync(id, ct);
        await XlsxOutput.WriteAsync(output, "Quà Chủ tịch nước", w =>
        {
            w.WriteBoldRow([$"DANH SÁCH NHẬN QUÀ CỦA CHỦ TỊCH NƯỚC — {list.OccasionName.ToUpper(Vi)} {list.Year}"]);
            w.WriteRow([$"{list.CommuneName} ({list.CommuneCode}); chốt theo sổ ngày {list.AsOf.ToString("dd/MM/yyyy", Vi)}"]);
            w.WriteBoldRow(["STT", "Họ tên", "Diện", "Số tiền (đồng)", "Căn cứ", "Ngày nhận", "Ký nhận"]);
            var n = 0;
            foreach (var l in lines.Where(l => l.Amount > 0))
            {
                w.WriteRow([++n, l.FullName, l.Row, l.Amount, l.Basis, l.DeliveredOn?.ToString("dd/MM/yyyy", Vi), ""]);
            }
            w.WriteBoldRow(["", $"Cộng: {list.People:N0} người", "", list.Total, "", "", ""]);
            w.WriteRow([]);
            w.WriteBoldRow(["", "Không có suất quà (lý do)"]);
            foreach (var l in lines.Where(l => l.Amount == 0))
            {
                w.WriteRow(["", l.FullName, "", 0, l.Basis, "", ""]);
            }
        }, ct);
    }
}
