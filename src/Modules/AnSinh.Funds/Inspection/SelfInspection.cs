using AnSinh.Funds.Funds;
using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Funds.Inspection;

public sealed record ChainCheck(bool Intact, long EntriesChecked, IReadOnlyList<string> Problems);

public sealed record Reconciliation(DateOnly Date, long LedgerCash, long? CountedCash, long? Difference, long LedgerBank, long? CountedBank, long? BankDifference);

public sealed record Anomaly(string Code, string Message, long? EntryId, string? VoucherNumber);

public sealed record InspectionReport(Guid FundId, string FundName, ChainCheck Chain, Reconciliation Reconciliation, IReadOnlyList<Anomaly> Anomalies);

/// <summary>
/// The fund board's self-inspection: the entry chain re-hashed from the first entry, the running
/// balances and month totals against the lines, the ledger's cash against a counted cash balance,
/// and a list of anomalies to look into.
/// </summary>
public sealed class SelfInspection(AnSinhDbContext db, FundDirectory directory)
{
    private const int MaxProblems = 50;

    public async Task<InspectionReport> InspectAsync(Guid fundId, DateOnly? date, long? countedCash, long? countedBank, CancellationToken ct = default)
    {
        var fund = await directory.GetAsync(fundId, ct);
        var on = date ?? db.Today();
        if (countedCash < 0 || countedBank < 0)
        {
            throw new InputValidationException("countedCash", "Số tiền kiểm đếm không được âm.");
        }
        var chain = await VerifyAsync(fund, ct);
        var cash = await LinesThrough(fundId, LedgerRules.Cash, on, ct);
        var bank = await LinesThrough(fundId, LedgerRules.Bank, on, ct);
        var reconciliation = new Reconciliation(on, cash, countedCash, countedCash - cash, bank, countedBank, countedBank - bank);
        var anomalies = await AnomaliesAsync(fundId, ct);
        db.Audit("fund.self_inspection", "fund", fundId.ToString(), fund.UnitCode, after: new { on, chain.Intact, countedCash, cash, anomalies = anomalies.Count });
        await db.SaveChangesAsync(ct);
        return new InspectionReport(fundId, fund.Name, chain, reconciliation, anomalies);
    }

    private Task<long> LinesThrough(Guid fundId, string account, DateOnly on, CancellationToken ct) =>
        db.Set<JournalLine>().AsNoTracking().Where(l => l.FundId == fundId && l.Account == account)
            .Join(db.Set<JournalEntry>().Where(e => e.Date <= on), l => l.EntryId, e => e.Id, (l, e) => l.Amount).SumAsync(ct);

    /// <summary>Re-hashes every entry in order and checks the links, the lines, the balances and the month totals.</summary>
    public async Task<ChainCheck> VerifyAsync(Fund fund, CancellationToken ct)
    {
        var problems = new List<string>();
        var previous = "";
        long expectedSeq = 0, cash = 0, bank = 0, goods = 0;
        var months = new Dictionary<(int, int, string), long>();
        const int page = 5_000;
        long lastSeq = 0;
        while (true)
        {
            var entries = await db.Set<JournalEntry>().AsNoTracking().Where(e => e.FundId == fund.Id && e.Seq > lastSeq).OrderBy(e => e.Seq).Take(page).ToListAsync(ct);
            if (entries.Count == 0)
            {
                break;
            }
            var ids = entries.Select(e => e.Id).ToList();
            var lines = (await db.Set<JournalLine>().AsNoTracking().Where(l => ids.Contains(l.EntryId)).ToListAsync(ct)).ToLookup(l => l.EntryId);
            foreach (var e in entries)
            {
                expectedSeq++;
                var own = lines[e.Id].Select(l => (l.Account, l.Amount)).ToList();
                if (e.Seq != expectedSeq)
                {
                    Add(problems, $"Bút toán số {expectedSeq} bị thiếu (gặp số {e.Seq}).");
                    expectedSeq = e.Seq;
                }
                if (e.PreviousHash != previous)
                {
                    Add(problems, $"Bút toán {e.Seq} ({e.VoucherNumber}) không nối với bút toán trước nó: chuỗi đã bị sửa hoặc xóa.");
                }
                if (LedgerRules.Hash(e, own) != e.Hash)
                {
                    Add(problems, $"Bút toán {e.Seq} ({e.VoucherNumber}) đã bị sửa sau khi ghi sổ (mã băm không khớp).");
                }
                if (!LedgerRules.Balanced(own) || own.Count == 0 && e.Kind != EntryKind.YearClose)
                {
                    Add(problems, $"Bút toán {e.Seq} ({e.VoucherNumber}) có các dòng Nợ/Có không cân.");
                }
                foreach (var (account, amount) in own)
                {
                    switch (account)
                    {
                        case LedgerRules.Cash: cash += amount; break;
                        case LedgerRules.Bank: bank += amount; break;
                        case LedgerRules.Goods: goods += amount; break;
                    }
                    if (e.Kind != EntryKind.YearClose)
                    {
                        var key = (e.Date.Year, e.Date.Month, account);
                        months[key] = months.GetValueOrDefault(key) + amount;
                    }
                }
                previous = e.Hash;
                lastSeq = e.Seq;
            }
        }
        var head = await db.Set<Fund>().AsNoTracking().FirstAsync(f => f.Id == fund.Id, ct);
        if (head.EntryCount != expectedSeq || head.HeadHash != previous)
        {
            Add(problems, $"Đầu chuỗi của quỹ ({head.EntryCount} bút toán) không khớp với sổ ({expectedSeq} bút toán): có bút toán cuối bị xóa hoặc thêm ngoài hệ thống.");
        }
        if (head.CashBalance != cash || head.BankBalance != bank || head.GoodsBalance != goods)
        {
            Add(problems, $"Số dư lưu của quỹ ({head.CashBalance:N0}/{head.BankBalance:N0}/{head.GoodsBalance:N0}) khác tổng các bút toán ({cash:N0}/{bank:N0}/{goods:N0}).");
        }
        var stored = await db.Set<FundMonthTotal>().AsNoTracking().Where(t => t.FundId == fund.Id).ToListAsync(ct);
        foreach (var t in stored.Where(t => months.GetValueOrDefault((t.Year, t.Month, t.Account)) != t.Amount))
        {
            Add(problems, $"Tổng tháng {t.Month}/{t.Year} của tài khoản {t.Account} ({t.Amount:N0}) khác tổng các bút toán ({months.GetValueOrDefault((t.Year, t.Month, t.Account)):N0}).");
        }
        foreach (var k in months.Where(m => m.Value != 0 && !stored.Any(t => t.Year == m.Key.Item1 && t.Month == m.Key.Item2 && t.Account == m.Key.Item3)))
        {
            Add(problems, $"Thiếu tổng tháng {k.Key.Item2}/{k.Key.Item1} của tài khoản {k.Key.Item3}.");
        }
        return new ChainCheck(problems.Count == 0, expectedSeq, problems);
    }

    private static void Add(List<string> problems, string message)
    {
        if (problems.Count < MaxProblems)
        {
            problems.Add(message);
        }
    }

    public async Task<List<Anomaly>> AnomaliesAsync(Guid fundId, CancellationToken ct)
    {
        var list = new List<Anomaly>();
        var entries = db.Set<JournalEntry>().AsNoTracking().Where(e => e.FundId == fundId);
        var reversedIds = db.Set<JournalEntry>().Where(e => e.FundId == fundId && e.ReversesEntryId != null).Select(e => e.ReversesEntryId!.Value);
        var noBeneficiary = await entries.Where(e => e.Kind == EntryKind.Spending && e.Category != SpendingCategory.EntrustedLoan && e.Category != SpendingCategory.Other
                && !reversedIds.Contains(e.Id) && !db.Set<SpendingBeneficiary>().Any(b => b.EntryId == e.Id))
            .OrderBy(e => e.Seq).Take(200).Select(e => new { e.Id, e.VoucherNumber, e.Amount, e.Category }).ToListAsync(ct);
        list.AddRange(noBeneficiary.Select(e => new Anomaly("spending_without_beneficiary",
            $"Phiếu chi {e.VoucherNumber} ({e.Amount:N0} đồng, {LedgerRules.CategoryName(e.Category!.Value)}) không ghi hộ, người thụ hưởng nào.", e.Id, e.VoucherNumber)));
        var noValue = await entries.Where(e => e.Kind == EntryKind.Receipt && e.Channel == Channel.Goods && e.Amount <= 0).Take(200).Select(e => new { e.Id, e.VoucherNumber, e.GoodsName }).ToListAsync(ct);
        list.AddRange(noValue.Select(e => new Anomaly("goods_without_value", $"Phiếu nhập hàng {e.GoodsName} ({e.VoucherNumber}) không có giá trị quy ra tiền.", e.Id, e.VoucherNumber)));
        var stockWithoutValue = await db.Set<StockMove>().AsNoTracking().Where(s => s.FundId == fundId).GroupBy(s => new { s.Item, s.Unit })
            .Select(g => new { g.Key.Item, g.Key.Unit, Quantity = g.Sum(s => s.Quantity), Value = g.Sum(s => s.Value) }).ToListAsync(ct);
        list.AddRange(stockWithoutValue.Where(s => s.Quantity > 0 && s.Value <= 0).Select(s => new Anomaly("goods_without_value", $"Hàng {s.Item} còn {s.Quantity:0.###} {s.Unit} trong kho nhưng không còn giá trị.", null, null)));
        var noVoucher = await entries.Where(e => (e.Kind == EntryKind.Receipt || e.Kind == EntryKind.Spending) && (e.VoucherNumber == null || e.VoucherNumber == ""))
            .Take(200).Select(e => new { e.Id, e.Seq, e.Kind, e.Amount }).ToListAsync(ct);
        list.AddRange(noVoucher.Select(e => new Anomaly(e.Kind == EntryKind.Receipt ? "receipt_without_voucher" : "spending_without_voucher",
            $"Bút toán {e.Seq} ({LedgerRules.EntryKindName(e.Kind)}, {e.Amount:N0} đồng) không có số chứng từ.", e.Id, null)));
        var campaigns = await db.Set<Campaign>().AsNoTracking().Where(c => c.FundId == fundId).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        foreach (var c in campaigns)
        {
            var raised = await entries.Where(e => e.CampaignId == c.Id && (e.Kind == EntryKind.Receipt || e.ReversedKind == EntryKind.Receipt)).SumAsync(e => e.Amount, ct);
            var allocated = await db.Set<FundAllocation>().AsNoTracking().Where(a => a.CampaignId == c.Id).SumAsync(a => a.Amount, ct);
            if (allocated > raised)
            {
                list.Add(new Anomaly("campaign_overallocated", $"Đợt \"{c.Name}\" đã phân bổ {allocated:N0} đồng, nhiều hơn số đã vận động được ({raised:N0} đồng).", null, null));
            }
        }
        return list;
    }
}
