using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Text;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Funds.Funds;

public sealed record CampaignRequest(string? Kind, string? Name, DateOnly? StartsOn, DateOnly? EndsOn, long? Target);

public sealed record CampaignView(Guid Id, Guid FundId, string Kind, string Name, DateOnly StartsOn, DateOnly EndsOn, long Target,
    long Raised, long Receipts, long Allocated, decimal PercentOfTarget);

public sealed record DonorGift(long EntryId, Guid FundId, string FundName, string UnitName, DateOnly Date, string? VoucherNumber, long Amount, string Form, string? Goods, bool Reversed);

public sealed record DonorView(Guid Id, string Name, string Type, long Total, int Gifts, IReadOnlyList<DonorGift> History);

/// <summary>Campaigns with their target and progress; donors with their history of gifts.</summary>
public sealed class Campaigns(AnSinhDbContext db, FundDirectory directory)
{
    public static string KindCode(CampaignKind k) => k switch
    {
        CampaignKind.Yearly => "yearly",
        CampaignKind.MonthForThePoor => "month_for_the_poor",
        CampaignKind.Tet => "tet",
        CampaignKind.Disaster => "disaster",
        _ => "other",
    };

    public static CampaignKind? ParseKind(string? code) =>
        Enum.GetValues<CampaignKind>().Select(k => (CampaignKind?)k).FirstOrDefault(k => KindCode(k!.Value) == code?.Trim().ToLowerInvariant());

    public async Task<Campaign> CreateAsync(Guid fundId, CampaignRequest r, CancellationToken ct = default)
    {
        directory.RequireManager();
        var fund = await directory.GetAsync(fundId, ct);
        var errors = new ValidationErrors();
        var kind = ParseKind(r.Kind);
        if (kind is null)
        {
            errors.Add("kind", "Loại đợt vận động phải là yearly, month_for_the_poor, tet, disaster hoặc other.");
        }
        if (string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > 300)
        {
            errors.Add("name", "Cần tên đợt vận động (tối đa 300 ký tự).");
        }
        var starts = r.StartsOn;
        var ends = r.EndsOn;
        if (kind == CampaignKind.MonthForThePoor && starts is null && ends is null)
        {
            // The peak campaign runs 17 October – 18 November every year (RULES.md §5).
            var year = db.Today().Year;
            starts = new DateOnly(year, 10, 17);
            ends = new DateOnly(year, 11, 18);
        }
        if (starts is null || ends is null)
        {
            errors.Add("startsOn", "Cần ngày bắt đầu và ngày kết thúc của đợt vận động.");
        }
        else if (ends < starts)
        {
            errors.Add("endsOn", "Ngày kết thúc trước ngày bắt đầu.");
        }
        if (r.Target is < 0 or > LedgerRules.MaxAmount)
        {
            errors.Add("target", "Chỉ tiêu vận động không được âm và không quá 10^15 đồng.");
        }
        errors.ThrowIfAny();
        var campaign = new Campaign
        {
            Id = Guid.CreateVersion7(),
            FundId = fund.Id,
            Kind = kind!.Value,
            Name = r.Name!.Trim(),
            StartsOn = starts!.Value,
            EndsOn = ends!.Value,
            Target = r.Target ?? 0,
            CreatedAt = db.Now(),
        };
        db.Add(campaign);
        db.Audit("fund.campaign_create", "fund", fund.Id.ToString(), fund.UnitCode, after: new { campaign.Id, campaign.Name, kind = KindCode(campaign.Kind), campaign.StartsOn, campaign.EndsOn, campaign.Target });
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    public async Task<List<CampaignView>> ListAsync(Guid fundId, CancellationToken ct = default)
    {
        await directory.GetAsync(fundId, ct);
        return await ListUncheckedAsync(fundId, ct);
    }

    internal async Task<List<CampaignView>> ListUncheckedAsync(Guid fundId, CancellationToken ct)
    {
        var campaigns = await db.Set<Campaign>().AsNoTracking().Where(c => c.FundId == fundId).OrderByDescending(c => c.StartsOn).ToListAsync(ct);
        var ids = campaigns.Select(c => c.Id).ToList();
        var raised = await db.Set<JournalEntry>().AsNoTracking()
            .Where(e => e.CampaignId != null && ids.Contains(e.CampaignId.Value) && (e.Kind == EntryKind.Receipt || (e.Kind == EntryKind.Reversal && e.ReversedKind == EntryKind.Receipt)))
            .GroupBy(e => e.CampaignId).Select(g => new { Id = g.Key, Amount = g.Sum(e => e.Amount), Count = g.Count(e => e.Kind == EntryKind.Receipt) }).ToListAsync(ct);
        var allocated = await db.Set<FundAllocation>().AsNoTracking().Where(a => a.CampaignId != null && ids.Contains(a.CampaignId.Value))
            .GroupBy(a => a.CampaignId).Select(g => new { Id = g.Key, Amount = g.Sum(a => a.Amount) }).ToListAsync(ct);
        return campaigns.Select(c =>
        {
            var r = raised.FirstOrDefault(x => x.Id == c.Id);
            var amount = r?.Amount ?? 0;
            return new CampaignView(c.Id, c.FundId, KindCode(c.Kind), c.Name, c.StartsOn, c.EndsOn, c.Target, amount, r?.Count ?? 0,
                allocated.FirstOrDefault(x => x.Id == c.Id)?.Amount ?? 0,
                c.Target > 0 ? Math.Round(amount * 100m / c.Target, 2, MidpointRounding.AwayFromZero) : 0);
        }).ToList();
    }

    /// <summary>Donors by name; their gifts are seen only in the funds the user may see.</summary>
    public async Task<List<DonorView>> SearchDonorsAsync(string? q, CancellationToken ct = default)
    {
        var key = VietnameseText.SearchKey(q);
        var donors = await db.Set<Donor>().AsNoTracking().Where(d => key.Length == 0 || d.SearchName.Contains(key)).OrderBy(d => d.SearchName).Take(50).ToListAsync(ct);
        var visible = (await directory.ListAsync(null, ct)).Select(f => f.Id).ToHashSet();
        var result = new List<DonorView>();
        foreach (var d in donors)
        {
            var view = await DonorAsync(d, visible, ct);
            if (view.Gifts > 0)
            {
                result.Add(view);
            }
        }
        return result;
    }

    public async Task<DonorView> GetDonorAsync(Guid id, CancellationToken ct = default)
    {
        var donor = await db.Set<Donor>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy nhà tài trợ.");
        var visible = (await directory.ListAsync(null, ct)).Select(f => f.Id).ToHashSet();
        var view = await DonorAsync(donor, visible, ct);
        return view.Gifts == 0 ? throw new NotFoundException("Không tìm thấy nhà tài trợ.") : view;
    }

    private async Task<DonorView> DonorAsync(Donor d, HashSet<Guid> visibleFunds, CancellationToken ct)
    {
        var gifts = await db.Set<JournalEntry>().AsNoTracking().Where(e => e.DonorId == d.Id && e.Kind == EntryKind.Receipt)
            .Join(db.Set<Fund>(), e => e.FundId, f => f.Id, (e, f) => new { e.Id, e.FundId, f.Name, f.UnitName, e.Date, e.VoucherNumber, e.Amount, e.Channel, e.GoodsName, e.Quantity, e.GoodsUnit })
            .OrderByDescending(x => x.Date).Take(500).ToListAsync(ct);
        gifts = gifts.Where(g => visibleFunds.Contains(g.FundId)).ToList();
        var ids = gifts.Select(g => (long?)g.Id).ToList();
        var reversed = await db.Set<JournalEntry>().AsNoTracking().Where(e => ids.Contains(e.ReversesEntryId)).Select(e => e.ReversesEntryId!.Value).ToListAsync(ct);
        var history = gifts.Select(g => new DonorGift(g.Id, g.FundId, g.Name, g.UnitName, g.Date, g.VoucherNumber, g.Amount, g.Channel == Channel.Goods ? "in_kind" : "cash",
            g.GoodsName is null ? null : $"{g.Quantity:0.###} {g.GoodsUnit} {g.GoodsName}", reversed.Contains(g.Id))).ToList();
        return new DonorView(d.Id, d.Name, LedgerRules.DonorTypeCode(d.Type), history.Where(h => !h.Reversed).Sum(h => h.Amount), history.Count(h => !h.Reversed), history);
    }
}
