using AnSinh.Funds.Funds;
using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Funds.Reports;

public sealed record PublicationView(Guid FundId, string FundName, string UnitName, int Year, Guid? CampaignId, string? CampaignName, DateTime PublishedAt);

public sealed record PublicDonor(string Name, string Type, long Amount, int Gifts);

/// <summary>
/// The support of a kind, counted: how many households of the register the year's spending vouchers name.
/// Published accounts name no beneficiary (RULES.md §6): a name beside "medical" support is a health detail.
/// </summary>
public sealed record PublicSupport(string Category, string Name, int Households);

public sealed record PublicAccountsView(PublicationView Publication, FundReport Report, IReadOnlyList<PublicDonor> Donors, int DonorsNotListed,
    IReadOnlyList<PublicSupport> Supported, IReadOnlyList<CampaignView> Campaigns);

public sealed record PublicCampaignAllocation(string ToFund, string ToUnit, long Amount);

public sealed record PublicCampaignView(PublicationView Publication, long Target, long Raised, IReadOnlyList<PublicDonor> Donors, int DonorsNotListed,
    IReadOnlyList<PublicCampaignAllocation> Allocations);

public sealed record VoucherLookup(string VoucherNumber, DateOnly Date, string FundName, string UnitName, string Donor, long Amount, string Form, string? Goods,
    bool Reversed, FundReport YearReport);

/// <summary>Published accounts (no sign-in) and the donor's voucher look-up.</summary>
public sealed class PublicAccounts(AnSinhDbContext db, FundDirectory directory, FundReports reports, Campaigns campaigns)
{
    private const int ListLimit = 1000;

    public async Task<FundPublication> PublishAsync(Guid fundId, int? year, Guid? campaignId, CancellationToken ct = default)
    {
        directory.RequireManager();
        var fund = await directory.GetAsync(fundId, ct);
        var today = db.Today();
        if (year is null || year < 2000 || year > today.Year)
        {
            throw new InputValidationException("year", $"Năm công khai phải từ 2000 đến {today.Year}.");
        }
        if (campaignId is { } cid && !await db.Set<Campaign>().AnyAsync(c => c.Id == cid && c.FundId == fundId, ct))
        {
            throw new InputValidationException("campaignId", "Đợt vận động không thuộc quỹ này.");
        }
        if (await db.Set<FundPublication>().AnyAsync(p => p.FundId == fundId && p.Year == year && p.CampaignId == campaignId, ct))
        {
            throw new RuleViolationException(campaignId is null ? $"Tài chính năm {year} của quỹ đã được công khai." : "Tài chính của đợt vận động này đã được công khai.");
        }
        var publication = new FundPublication { FundId = fundId, Year = year.Value, CampaignId = campaignId, PublishedAt = db.Now(), PublishedBy = db.Actor.UserName };
        db.Add(publication);
        db.Audit("fund.publish", "fund", fundId.ToString(), fund.UnitCode, after: new { year, campaignId });
        await db.SaveChangesAsync(ct);
        return publication;
    }

    public async Task<List<PublicationView>> ListAsync(CancellationToken ct = default)
    {
        // Ordered on plain columns (a record built in the query cannot be ordered on), the campaign names read after.
        var rows = await db.Set<FundPublication>().AsNoTracking()
            .Join(db.Set<Fund>(), p => p.FundId, f => f.Id, (p, f) => new { f.Id, f.Name, f.UnitName, p.Year, p.CampaignId, p.PublishedAt })
            .OrderByDescending(x => x.Year).ThenBy(x => x.UnitName).ThenBy(x => x.Name).Take(2000).ToListAsync(ct);
        var campaignIds = rows.Where(r => r.CampaignId != null).Select(r => r.CampaignId!.Value).Distinct().ToList();
        var names = campaignIds.Count == 0 ? [] : await db.Set<Campaign>().AsNoTracking().Where(c => campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return rows.Select(r => new PublicationView(r.Id, r.Name, r.UnitName, r.Year, r.CampaignId, r.CampaignId is { } c ? names.GetValueOrDefault(c) : null, r.PublishedAt)).ToList();
    }

    public async Task<PublicAccountsView> AccountsAsync(Guid fundId, int year, CancellationToken ct = default)
    {
        var publication = await db.Set<FundPublication>().AsNoTracking().FirstOrDefaultAsync(p => p.FundId == fundId && p.Year == year && p.CampaignId == null, ct)
            ?? throw new NotFoundException($"Tài chính năm {year} của quỹ này chưa được công khai.");
        var fund = await db.Set<Fund>().AsNoTracking().FirstAsync(f => f.Id == fundId, ct);
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        var report = await reports.ForPublishedFundAsync(fund, start, end, ct);
        var entries = db.Set<JournalEntry>().AsNoTracking().Where(e => e.FundId == fundId && e.Date >= start && e.Date <= end);
        var (donors, notListed) = await DonorsAsync(entries, ct);
        var spendings = entries.Where(e => e.Kind == EntryKind.Spending && !db.Set<JournalEntry>().Any(r => r.ReversesEntryId == e.Id));
        // Counted by kind of support, never listed by name (RULES.md §6).
        var supported = (await db.Set<SpendingBeneficiary>().AsNoTracking().Join(spendings, b => b.EntryId, e => e.Id, (b, e) => new { e.Category, b.HouseholdId, b.PersonId })
                .Distinct().ToListAsync(ct))
            .Where(b => b.Category != null)
            .GroupBy(b => b.Category!.Value)
            .OrderBy(g => g.Key)
            .Select(g => new PublicSupport(LedgerRules.CategoryCode(g.Key), LedgerRules.CategoryName(g.Key), g.Select(b => b.HouseholdId ?? b.PersonId).Distinct().Count()))
            .ToList();
        var campaignViews = (await CampaignsOfAsync(fundId, ct)).Where(c => c.StartsOn.Year <= year && c.EndsOn.Year >= year).ToList();
        return new PublicAccountsView(View(publication, fund, null), report, donors, notListed, supported, campaignViews);
    }

    public async Task<PublicCampaignView> CampaignAccountsAsync(Guid campaignId, CancellationToken ct = default)
    {
        var publication = await db.Set<FundPublication>().AsNoTracking().FirstOrDefaultAsync(p => p.CampaignId == campaignId, ct)
            ?? throw new NotFoundException("Tài chính của đợt vận động này chưa được công khai.");
        var fund = await db.Set<Fund>().AsNoTracking().FirstAsync(f => f.Id == publication.FundId, ct);
        var campaign = await db.Set<Campaign>().AsNoTracking().FirstAsync(c => c.Id == campaignId, ct);
        var entries = db.Set<JournalEntry>().AsNoTracking().Where(e => e.CampaignId == campaignId);
        var (donors, notListed) = await DonorsAsync(entries, ct);
        var raised = await entries.Where(e => e.Kind == EntryKind.Receipt || e.ReversedKind == EntryKind.Receipt).SumAsync(e => e.Amount, ct);
        var allocations = await db.Set<FundAllocation>().AsNoTracking().Where(a => a.CampaignId == campaignId)
            .Join(db.Set<Fund>(), a => a.ToFundId, f => f.Id, (a, f) => new { f.Name, f.UnitName, a.Amount }).ToListAsync(ct);
        return new PublicCampaignView(View(publication, fund, campaign.Name), campaign.Target, raised, donors, notListed,
            allocations.GroupBy(a => (a.Name, a.UnitName)).Select(g => new PublicCampaignAllocation(g.Key.Name, g.Key.UnitName, g.Sum(a => a.Amount))).Where(a => a.Amount != 0).ToList());
    }

    /// <summary>A donor types the voucher number of their receipt: the gift as recorded, and what the fund did that year.</summary>
    public async Task<VoucherLookup> VoucherAsync(string? number, CancellationToken ct = default)
    {
        var key = number?.Trim() ?? "";
        if (key.Length is 0 or > 40)
        {
            throw new InputValidationException("voucherNumber", "Hãy nhập số phiếu thu (ví dụ PT-01363-2026-000012).");
        }
        var entry = await db.Set<JournalEntry>().AsNoTracking().FirstOrDefaultAsync(e => e.VoucherNumber == key && e.Kind == EntryKind.Receipt, ct)
            ?? throw new NotFoundException($"Không tìm thấy phiếu thu số {key}. Hãy kiểm tra lại số phiếu in trên biên nhận.");
        var fund = await db.Set<Fund>().AsNoTracking().FirstAsync(f => f.Id == entry.FundId, ct);
        var reversed = await db.Set<JournalEntry>().AnyAsync(e => e.ReversesEntryId == entry.Id, ct);
        var year = entry.Date.Year;
        var today = db.Today();
        var end = new DateOnly(year, 12, 31);
        var report = await reports.ForPublishedFundAsync(fund, new DateOnly(year, 1, 1), end > today ? today : end, ct);
        return new VoucherLookup(entry.VoucherNumber!, entry.Date, fund.Name, fund.UnitName, entry.DonorName ?? LedgerRules.AnonymousName, entry.Amount,
            entry.Channel == Channel.Goods ? "in_kind" : "cash", entry.GoodsName is null ? null : $"{entry.Quantity:0.###} {entry.GoodsUnit} {entry.GoodsName}", reversed, report);
    }

    private async Task<(List<PublicDonor> Donors, int NotListed)> DonorsAsync(IQueryable<JournalEntry> entries, CancellationToken ct)
    {
        var receipts = entries.Where(e => e.Kind == EntryKind.Receipt || e.ReversedKind == EntryKind.Receipt);
        var grouped = receipts.GroupBy(e => new { e.DonorId, e.DonorName, e.DonorType })
            .Select(g => new { g.Key.DonorId, g.Key.DonorName, g.Key.DonorType, Amount = g.Sum(e => e.Amount), Gifts = g.Count(e => e.Kind == EntryKind.Receipt) });
        var count = await grouped.CountAsync(ct);
        var rows = await grouped.OrderByDescending(g => g.Amount).Take(ListLimit).ToListAsync(ct);
        var donors = rows.Where(r => r.Amount != 0).Select(r => r.DonorType is null or DonorType.Anonymous
            ? new PublicDonor(LedgerRules.AnonymousName, "anonymous", r.Amount, r.Gifts)
            : new PublicDonor(r.DonorName ?? "", LedgerRules.DonorTypeCode(r.DonorType.Value), r.Amount, r.Gifts)).ToList();
        return (donors, Math.Max(0, count - rows.Count));
    }

    private async Task<List<CampaignView>> CampaignsOfAsync(Guid fundId, CancellationToken ct)
    {
        var published = await db.Set<FundPublication>().AsNoTracking().Where(p => p.FundId == fundId && p.CampaignId != null).Select(p => p.CampaignId!.Value).ToListAsync(ct);
        if (published.Count == 0)
        {
            return [];
        }
        return (await campaigns.ListUncheckedAsync(fundId, ct)).Where(c => published.Contains(c.Id)).ToList();
    }

    private static PublicationView View(FundPublication p, Fund f, string? campaign) => new(f.Id, f.Name, f.UnitName, p.Year, p.CampaignId, campaign, p.PublishedAt);
}
