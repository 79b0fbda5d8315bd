using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Funds.Funds;

public sealed record EntryRow(long Id, long Seq, DateOnly Date, string Kind, string KindName, string? VoucherNumber, string Description, long Amount,
    string? Channel, string? Donor, string? Category, int Cases, string? Goods, long? ReversesEntryId, bool Reversed, string PostedBy, DateTime PostedAt);

public sealed record EntryLineView(string Account, long Amount);

public sealed record BeneficiaryView(Guid? HouseholdId, Guid? PersonId, string Name, string? Village, string CommuneCode);

public sealed record EntryDetail(EntryRow Entry, string FundName, string UnitName, string? ApprovedBy, string? CounterpartFund, string Hash, string PreviousHash,
    IReadOnlyList<EntryLineView> Lines, IReadOnlyList<BeneficiaryView> Beneficiaries);

public sealed record StockRow(string Item, string Unit, decimal Quantity, long Value);

public sealed record EntryPage(long Total, int Page, int PageSize, IReadOnlyList<EntryRow> Items);

public sealed record CommuneChoice(string Code, string Name);

public sealed record HouseholdMatch(string Code, Guid Id, string? HeadName, string CommuneCode);

/// <summary>Reading a fund's books: the journal page by page, one entry with its lines and beneficiaries, the goods in stock.</summary>
public sealed class FundQueries(AnSinhDbContext db, FundDirectory directory, ScopeResolver scopes)
{
    /// <summary>The most household codes one look-up takes (a spending voucher's beneficiaries).</summary>
    public const int MaxCodes = 1000;

    /// <summary>
    /// The communes whose households a fund above commune level may name (today's communes of its area, or a
    /// district's own before July 2025), within the user's scope; empty for a commune's fund, which names its own.
    /// </summary>
    public async Task<List<CommuneChoice>> BeneficiaryCommunesAsync(Guid fundId, CancellationToken ct = default)
    {
        var fund = await directory.GetAsync(fundId, ct);
        return fund.UnitLevel == AdminLevel.Commune ? [] : (await CommunesOfAsync(fund, ct)).Select(u => new CommuneChoice(u.Code, u.FullName)).ToList();
    }

    /// <summary>
    /// The households a spending names by code. A code is unique only within its commune: each is looked up in the
    /// fund's commune, or for a fund above commune level in the commune chosen within its area, among the households
    /// of the user's scope, through the registry's one look-up (an ambiguous code is refused, never guessed).
    /// </summary>
    public async Task<List<HouseholdMatch>> HouseholdsByCodeAsync(Guid fundId, string? communeCode, IEnumerable<string> codes, CancellationToken ct = default)
    {
        var fund = await directory.GetAsync(fundId, ct);
        var wanted = codes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        if (wanted.Count > MaxCodes)
        {
            throw new InputValidationException("householdCodes", $"Một lần tra cứu tối đa {MaxCodes:N0} mã hộ; hãy tách chứng từ.");
        }
        AdminUnit commune;
        if (fund.UnitLevel == AdminLevel.Commune)
        {
            commune = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == fund.UnitId, ct);
        }
        else
        {
            var code = communeCode?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                throw new InputValidationException("communeCode",
                    $"Quỹ của {fund.UnitName} ở trên cấp xã, mà mã hộ chỉ là duy nhất trong một xã: hãy chọn xã (phường) của các hộ thụ hưởng.");
            }
            commune = (await CommunesOfAsync(fund, ct)).FirstOrDefault(u => u.Code == code)
                ?? throw new InputValidationException("communeCode", $"Xã (phường) mã \"{code}\" không thuộc địa bàn của quỹ ({fund.UnitName}) trong phạm vi bạn phụ trách.");
        }
        // The commune and those merged into it: a household not yet moved onto today's map still carries the old commune.
        var unitIds = await db.AdminUnitLinks.AsNoTracking().Where(l => l.NewUnitId == commune.Id).Select(l => l.OldUnitId).ToListAsync(ct);
        unitIds.Add(commune.Id);
        var scope = await scopes.CurrentAsync(ct);
        var found = new List<HouseholdMatch>();
        var missing = new List<string>();
        foreach (var code in wanted)
        {
            var h = await db.Set<Household>().AsNoTracking().Where(x => unitIds.Contains(x.CommuneUnitId)).FindByCodeAsync(scope, code, null, null, ct);
            if (h is null)
            {
                missing.Add(code);
            }
            else
            {
                found.Add(new HouseholdMatch(h.Code, h.Id, h.HeadName, h.CommuneCode));
            }
        }
        if (missing.Count > 0)
        {
            var more = missing.Count > 20 ? $" và {missing.Count - 20:N0} mã khác" : "";
            throw new InputValidationException("householdCodes", $"Không có hộ mã {string.Join(", ", missing.Take(20))}{more} trong sổ hộ của {commune.FullName}.");
        }
        return found;
    }

    private async Task<List<AdminUnit>> CommunesOfAsync(Fund fund, CancellationToken ct)
    {
        var unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == fund.UnitId, ct);
        var ids = await directory.SubtreeUnitIdsAsync(unit, ct);
        var scope = await scopes.CurrentAsync(ct);
        var communes = (await db.AdminUnits.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Level == AdminLevel.Commune).ToListAsync(ct))
            .Where(u => scope.Allows(u.Id, u.CurrentProvinceCode)).ToList();
        // Today's communes where the area has them (a province); else the area's own (a district before July 2025).
        var today = db.Today();
        var current = communes.Where(u => u.IsValidOn(today)).ToList();
        return (current.Count > 0 ? current : communes).OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
    }

    public async Task<EntryPage> EntriesAsync(Guid fundId, int? year, string? kind, int page, int pageSize, CancellationToken ct = default)
    {
        await directory.GetAsync(fundId, ct);
        pageSize = Math.Clamp(pageSize, 1, 500);
        page = Math.Max(1, page);
        var q = db.Set<JournalEntry>().AsNoTracking().Where(e => e.FundId == fundId);
        if (year is { } y)
        {
            var from = new DateOnly(y, 1, 1);
            var to = new DateOnly(y, 12, 31);
            q = q.Where(e => e.Date >= from && e.Date <= to);
        }
        if (!string.IsNullOrWhiteSpace(kind))
        {
            var k = Enum.GetValues<EntryKind>().FirstOrDefault(x => LedgerRules.EntryKindCode(x) == kind.Trim().ToLowerInvariant());
            if (k == 0)
            {
                throw new InputValidationException("kind", "Loại chứng từ không hợp lệ.");
            }
            q = q.Where(e => e.Kind == k);
        }
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(e => e.Seq).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var ids = rows.Select(r => (long?)r.Id).ToList();
        var reversed = await db.Set<JournalEntry>().AsNoTracking().Where(e => ids.Contains(e.ReversesEntryId)).Select(e => e.ReversesEntryId!.Value).ToListAsync(ct);
        return new EntryPage(total, page, pageSize, rows.Select(e => Row(e, reversed.Contains(e.Id))).ToList());
    }

    public static EntryRow Row(JournalEntry e, bool reversed) => new(e.Id, e.Seq, e.Date, LedgerRules.EntryKindCode(e.Kind), LedgerRules.EntryKindName(e.Kind), e.VoucherNumber,
        e.Description, e.Amount, e.Channel switch { Channel.Cash => "cash", Channel.Bank => "bank", Channel.Goods => "goods", _ => null },
        e.DonorName, e.Category is { } c ? LedgerRules.CategoryCode(c) : null, e.Cases,
        e.GoodsName is null ? null : $"{e.Quantity:0.###} {e.GoodsUnit} {e.GoodsName}", e.ReversesEntryId, reversed, e.PostedBy, e.PostedAt);

    public async Task<EntryDetail> EntryAsync(Guid fundId, long entryId, CancellationToken ct = default)
    {
        var fund = await directory.GetAsync(fundId, ct);
        var e = await db.Set<JournalEntry>().AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == entryId && x.FundId == fundId, ct)
            ?? throw new NotFoundException("Không tìm thấy chứng từ.");
        var reversed = await db.Set<JournalEntry>().AnyAsync(x => x.ReversesEntryId == entryId, ct);
        var counterpart = e.CounterpartFundId is { } cf ? await db.Set<Fund>().Where(f => f.Id == cf).Select(f => f.Name + " – " + f.UnitName).FirstOrDefaultAsync(ct) : null;
        var beneficiaries = await db.Set<SpendingBeneficiary>().AsNoTracking().Where(b => b.EntryId == entryId).OrderBy(b => b.Id)
            .Select(b => new BeneficiaryView(b.HouseholdId, b.PersonId, b.Name, b.VillageName, b.CommuneCode)).ToListAsync(ct);
        return new EntryDetail(Row(e, reversed), fund.Name, fund.UnitName, e.ApprovedBy, counterpart, e.Hash, e.PreviousHash,
            e.Lines.OrderBy(l => l.Id).Select(l => new EntryLineView(l.Account, l.Amount)).ToList(), beneficiaries);
    }

    public async Task<List<StockRow>> StockAsync(Guid fundId, CancellationToken ct = default)
    {
        await directory.GetAsync(fundId, ct);
        return (await db.Set<StockMove>().AsNoTracking().Where(s => s.FundId == fundId)
                .GroupBy(s => new { s.Item, s.Unit }).Select(g => new { g.Key.Item, g.Key.Unit, Quantity = g.Sum(s => s.Quantity), Value = g.Sum(s => s.Value) }).ToListAsync(ct))
            .Where(s => s.Quantity != 0 || s.Value != 0).OrderBy(s => s.Item).Select(s => new StockRow(s.Item, s.Unit, s.Quantity, s.Value)).ToList();
    }
}
