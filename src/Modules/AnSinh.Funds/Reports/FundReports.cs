using AnSinh.Funds.Funds;
using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Funds.Reports;

public sealed record ReceiptTotals(long Cash, long InKind, long Total);

public sealed record SpendingLine(string Category, string Name, long Cases, long Amount);

/// <summary>The fund report of one fund or of a unit's subtree for a period (RULES.md §5; the Quảng Nam example in OVERVIEW.md).</summary>
public sealed record FundReport(
    string UnitCode, string UnitName, Guid? FundId, string? FundName, int FundCount, DateOnly From, DateOnly To,
    long OpeningBalance, ReceiptTotals Receipts, long AllocationsIn, long AllocationsOut,
    IReadOnlyList<SpendingLine> Spendings, long SpendingTotal, long ClosingBalance, bool Final);

/// <summary>
/// Reports read the month totals kept with each entry, never the entries: a province's year is a
/// few thousand summary rows. A subtree's report counts allocations between its own funds on
/// neither side, so the same money is never counted twice.
/// </summary>
public sealed class FundReports(AnSinhDbContext db, FundDirectory directory, ScopeResolver scopes)
{
    public async Task<FundReport> ForFundAsync(Guid fundId, int? year, string? from, string? to, CancellationToken ct = default)
    {
        var fund = await directory.GetAsync(fundId, ct);
        var (start, end) = Period(year, from, to, db.Today());
        var report = await ComputeAsync(db.Set<Fund>().Where(f => f.Id == fundId), start, end, ct);
        return report with { UnitCode = fund.UnitCode, UnitName = fund.UnitName, FundId = fund.Id, FundName = fund.Name };
    }

    /// <summary>For published accounts: no scope (the caller has checked that the year is published).</summary>
    internal async Task<FundReport> ForPublishedFundAsync(Fund fund, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var report = await ComputeAsync(db.Set<Fund>().Where(f => f.Id == fund.Id), start, end, ct);
        return report with { UnitCode = fund.UnitCode, UnitName = fund.UnitName, FundId = fund.Id, FundName = fund.Name };
    }

    public async Task<FundReport> ForSubtreeAsync(string? unitCode, int? year, string? from, string? to, string? kind, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(unitCode))
        {
            throw new InputValidationException("unitCode", "Thiếu mã đơn vị hành chính.");
        }
        var (start, end) = Period(year, from, to, db.Today());
        // The unit as it was in the period (a district before July 2025), else today's.
        var unit = await directory.FindUnitAsync(unitCode, end, ct) ?? await directory.FindUnitAsync(unitCode, null, ct)
            ?? throw new InputValidationException("unitCode", $"Không có đơn vị hành chính mã \"{unitCode.Trim()}\".");
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
            throw new NotFoundException($"Đơn vị {unit.Code} nằm ngoài phạm vi của bạn.");
        }
        FundKind? fundKind = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            fundKind = LedgerRules.ParseKind(kind) ?? throw new InputValidationException("kind", "Loại quỹ phải là for_the_poor, relief hoặc special.");
        }
        IQueryable<Fund> funds;
        if (unit.Level == AdminLevel.Province && unit.IsValidOn(db.Today()))
        {
            var province = unit.Code;
            funds = db.Set<Fund>().Where(f => f.CurrentProvinceCode == province);
        }
        else
        {
            var ids = await directory.SubtreeUnitIdsAsync(unit, ct);
            funds = db.Set<Fund>().Where(f => ids.Contains(f.UnitId));
        }
        if (fundKind is { } k)
        {
            funds = funds.Where(f => f.Kind == k);
        }
        var report = await ComputeAsync(funds, start, end, ct);
        return report with { UnitCode = unit.Code, UnitName = unit.FullName };
    }

    /// <summary>A year, or months "YYYY-MM" from and to (inclusive); a period that has not begun is refused.</summary>
    public static (DateOnly Start, DateOnly End) Period(int? year, string? from, string? to, DateOnly today)
    {
        if (!string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to))
        {
            var start = ParseMonth(from, "from");
            var endMonth = ParseMonth(to, "to");
            if (endMonth < start)
            {
                throw new InputValidationException("to", "Tháng kết thúc trước tháng bắt đầu.");
            }
            if (start > today)
            {
                throw new InputValidationException("from", "Kỳ báo cáo chưa bắt đầu.");
            }
            return (start, endMonth.AddMonths(1).AddDays(-1));
        }
        if (year is null || year < 2000 || year > today.Year)
        {
            throw new InputValidationException("year", $"Cần năm báo cáo (từ 2000 đến {today.Year}) hoặc kỳ from=YYYY-MM&to=YYYY-MM.");
        }
        return (new DateOnly(year.Value, 1, 1), new DateOnly(year.Value, 12, 31));
    }

    private static DateOnly ParseMonth(string? text, string field)
    {
        if (text is not null && DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", out var d) && d.Year >= 2000)
        {
            return d;
        }
        throw new InputValidationException(field, "Tháng phải có dạng YYYY-MM (ví dụ 2026-01).");
    }

    private async Task<FundReport> ComputeAsync(IQueryable<Fund> funds, DateOnly start, DateOnly end, CancellationToken ct)
    {
        var startKey = start.Year * 12 + start.Month - 1;
        var endKey = end.Year * 12 + end.Month - 1;
        var fundIds = funds.Select(f => f.Id);
        var totals = db.Set<FundMonthTotal>().AsNoTracking().Where(t => fundIds.Contains(t.FundId));
        var before = await totals.Where(t => t.Year * 12 + t.Month - 1 < startKey && (t.Account == LedgerRules.Cash || t.Account == LedgerRules.Bank || t.Account == LedgerRules.Goods))
            .SumAsync(t => (long?)t.Amount, ct) ?? 0;
        var inPeriod = await totals.Where(t => t.Year * 12 + t.Month - 1 >= startKey && t.Year * 12 + t.Month - 1 <= endKey)
            .GroupBy(t => t.Account).Select(g => new { Account = g.Key, Amount = g.Sum(t => t.Amount), Cases = g.Sum(t => t.Cases) }).ToListAsync(ct);
        long Sum(string account) => inPeriod.Where(x => x.Account == account).Sum(x => x.Amount);
        // Allocations between two funds of the set: on neither side of a consolidated report.
        var internalAllocations = await db.Set<FundAllocation>().AsNoTracking()
            .Where(a => fundIds.Contains(a.FromFundId) && fundIds.Contains(a.ToFundId) && a.Date >= start && a.Date <= end)
            .SumAsync(a => (long?)a.Amount, ct) ?? 0;
        var count = await funds.CountAsync(ct);
        var closedYears = end.Year - start.Year + 1;
        var closed = await db.Set<FundYear>().AsNoTracking().Where(y => fundIds.Contains(y.FundId) && y.Year >= start.Year && y.Year <= end.Year).CountAsync(ct);

        var opening = before - Sum(LedgerRules.Capital);
        var receipts = new ReceiptTotals(-Sum(LedgerRules.ReceiptCash), -Sum(LedgerRules.ReceiptInKind), -Sum(LedgerRules.ReceiptCash) - Sum(LedgerRules.ReceiptInKind));
        var allocationsIn = -Sum(LedgerRules.AllocationIn) - internalAllocations;
        var allocationsOut = Sum(LedgerRules.AllocationOut) - internalAllocations;
        var spendings = Enum.GetValues<SpendingCategory>().Select(c =>
        {
            var row = inPeriod.FirstOrDefault(x => x.Account == LedgerRules.SpendingAccount(c));
            return new SpendingLine(LedgerRules.CategoryCode(c), LedgerRules.CategoryName(c), row?.Cases ?? 0, row?.Amount ?? 0);
        }).ToList();
        var spent = spendings.Sum(s => s.Amount);
        // From the asset accounts themselves, not from the lines above: a report whose lines do not add up shows it.
        var closing = before + Sum(LedgerRules.Cash) + Sum(LedgerRules.Bank) + Sum(LedgerRules.Goods);
        return new FundReport("", "", null, null, count, start, end, opening, receipts, allocationsIn, allocationsOut, spendings, spent, closing,
            Final: count > 0 && closed == count * closedYears && end.Month == 12 && start.Month == 1);
    }
}
