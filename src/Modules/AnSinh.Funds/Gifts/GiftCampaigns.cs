using System.Security.Cryptography;
using System.Text;
using AnSinh.Funds.Funds;
using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Rounds;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Funds.Gifts;

public sealed record GiftCampaignRequest(string? UnitCode, string? Occasion, string? Name, int? Year, string? Form, long? GiftValue,
    int? Gifts, string? GoodsName = null, Guid? FundId = null);

public sealed record GiftMobiliseRequest(int? Gifts);

public sealed record GiftAllocationRequest(string? UnitCode, int? Gifts);

public sealed record GiftHandoutRequest(Guid? HouseholdId, string? Group = null, DateOnly? HandedOn = null, string? ReceivedBy = null);

public sealed record GiftSettleRequest(DateOnly? Date, string? ApprovedBy = null);

public sealed record GiftUnitView(string UnitCode, string UnitName, int Allocated, int HandedOut, long Value);

public sealed record GiftCampaignView(Guid Id, string UnitCode, string UnitName, string UnitLevel, string Occasion, string OccasionName, string Name, int Year,
    string Form, long GiftValue, string? GoodsName, int GiftsMobilised, long ValueMobilised, int Allocated, int HandedOut, long ValueHandedOut,
    int Settled, Guid? FundId, IReadOnlyList<GiftUnitView> Units);

public sealed record GiftCandidate(Guid HouseholdId, string Code, string HeadName, string? VillageName, string CommuneCode, string? Group, bool Given);

public sealed record GiftHandoutView(long Id, Guid HouseholdId, string HeadName, string? VillageName, string CommuneCode, string Group, string GroupName,
    long Value, DateOnly HandedOn, string? ReceivedBy, long? SettledEntryId);

public sealed record GiftSettlement(long EntryId, string? VoucherNumber, int Handouts, long Amount);

/// <summary>
/// Gift campaigns (Tết, 27/7, longevity): gifts mobilised, allocated to lower units, handed to
/// households of the register — at most one per household per campaign — and settled as one
/// hardship-and-gift spending of the paying fund, so every gift is traceable in the books.
/// </summary>
public sealed class GiftCampaigns(AnSinhDbContext db, FundDirectory directory, ScopeResolver scopes, FundLedger ledger)
{
    public const int MaxGifts = 10_000_000;

    public static bool CanManage(Role role) => role is Role.Administrator or Role.FundBoard or Role.Officer;

    public static string OccasionCode(GiftOccasion o) => o switch
    {
        GiftOccasion.Tet => "tet",
        GiftOccasion.WarInvalidsDay => "war_invalids_day",
        GiftOccasion.Longevity => "longevity",
        _ => "other",
    };

    public static string OccasionName(GiftOccasion o) => o switch
    {
        GiftOccasion.Tet => "Quà Tết",
        GiftOccasion.WarInvalidsDay => "Quà 27/7 (Ngày Thương binh – Liệt sĩ)",
        GiftOccasion.Longevity => "Mừng thọ người cao tuổi",
        _ => "Quà khác",
    };

    public static GiftOccasion? ParseOccasion(string? code) =>
        Enum.GetValues<GiftOccasion>().Select(o => (GiftOccasion?)o).FirstOrDefault(o => OccasionCode(o!.Value) == code?.Trim().ToLowerInvariant());

    public static string GroupCode(GiftGroup g) => g switch
    {
        GiftGroup.Poor => "poor",
        GiftGroup.NearPoor => "near_poor",
        GiftGroup.Policy => "policy",
        GiftGroup.Elderly => "elderly",
        _ => "other",
    };

    public static string GroupName(GiftGroup g) => g switch
    {
        GiftGroup.Poor => "Hộ nghèo",
        GiftGroup.NearPoor => "Hộ cận nghèo",
        GiftGroup.Policy => "Gia đình chính sách",
        GiftGroup.Elderly => "Người cao tuổi",
        _ => "Hoàn cảnh khó khăn khác",
    };

    public static GiftGroup? ParseGroup(string? code) =>
        Enum.GetValues<GiftGroup>().Select(g => (GiftGroup?)g).FirstOrDefault(g => GroupCode(g!.Value) == code?.Trim().ToLowerInvariant());

    private void RequireManager()
    {
        if (!CanManage(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã, Ban vận động Quỹ (hoặc quản trị hệ thống) được ghi đợt tặng quà.");
        }
    }

    public async Task<GiftCampaign> CreateAsync(GiftCampaignRequest r, CancellationToken ct = default)
    {
        RequireManager();
        var errors = new ValidationErrors();
        var occasion = ParseOccasion(r.Occasion);
        if (occasion is null)
        {
            errors.Add("occasion", "Dịp tặng quà phải là tet (Tết), war_invalids_day (27/7), longevity (mừng thọ) hoặc other.");
        }
        var form = r.Form?.Trim().ToLowerInvariant() switch
        {
            null or "" or "cash" => (Channel?)Channel.Cash,
            "bank" => Channel.Bank,
            "goods" or "in_kind" => Channel.Goods,
            _ => null,
        };
        if (form is null)
        {
            errors.Add("form", "Hình thức quà phải là cash (tiền mặt), bank (chuyển khoản) hoặc goods (hiện vật).");
        }
        if (form == Channel.Goods && string.IsNullOrWhiteSpace(r.GoodsName))
        {
            errors.Add("goodsName", "Quà hiện vật cần tên hàng (ví dụ: suất quà Tết).");
        }
        if (r.GoodsName?.Length > 200)
        {
            errors.Add("goodsName", "Tên hàng dài quá 200 ký tự.");
        }
        if (r.GiftValue is not > 0 || r.GiftValue > LedgerRules.MaxAmount)
        {
            errors.Add("giftValue", "Giá trị mỗi suất quà phải lớn hơn 0 đồng (hiện vật quy ra tiền).");
        }
        if (r.Gifts is not (>= 0 and <= MaxGifts))
        {
            errors.Add("gifts", "Số suất quà vận động được phải từ 0 trở lên.");
        }
        else if (r.GiftValue is > 0 && (decimal)r.GiftValue.Value * r.Gifts.Value > LedgerRules.MaxAmount)
        {
            errors.Add("gifts", "Tổng giá trị quà vượt quá 10^15 đồng.");
        }
        var today = db.Today();
        if (r.Year is not { } year || year < 2000 || year > today.Year + 1)
        {
            errors.Add("year", $"Năm của đợt tặng quà phải từ 2000 đến {today.Year + 1}.");
        }
        if (string.IsNullOrWhiteSpace(r.UnitCode))
        {
            errors.Add("unitCode", "Thiếu mã đơn vị tổ chức đợt tặng quà.");
        }
        if (r.Name?.Length > 300)
        {
            errors.Add("name", "Tên đợt tặng quà dài quá 300 ký tự.");
        }
        errors.ThrowIfAny();
        var unit = await directory.FindUnitAsync(r.UnitCode!, null, ct)
            ?? throw new InputValidationException("unitCode", $"Không có đơn vị hành chính mã \"{r.UnitCode?.Trim()}\".");
        if (!unit.IsValidOn(today))
        {
            throw new InputValidationException("unitCode", $"{unit.FullName} không còn tồn tại trên bản đồ hành chính hiện hành; đợt tặng quà mới do đơn vị hiện hành tổ chức.");
        }
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.Allows(unit.Id, unit.CurrentProvinceCode))
        {
            await db.AuditDeniedAsync("admin_unit", unit.Code, unit.Code, ct);
            throw new InputValidationException("unitCode", $"Đơn vị {unit.Code} nằm ngoài phạm vi của bạn.");
        }
        if (r.FundId is { } fundId)
        {
            var fund = await directory.GetAsync(fundId, ct);
            if (fund.UnitId != unit.Id)
            {
                throw new InputValidationException("fundId", $"Quỹ chi trả phải là quỹ của {unit.FullName}.");
            }
        }
        var campaign = new GiftCampaign
        {
            Id = Guid.CreateVersion7(),
            UnitId = unit.Id,
            UnitCode = unit.Code,
            UnitName = unit.FullName,
            UnitLevel = unit.Level,
            CurrentProvinceCode = unit.CurrentProvinceCode,
            Occasion = occasion!.Value,
            Name = string.IsNullOrWhiteSpace(r.Name) ? $"{OccasionName(occasion.Value)} năm {r.Year}" : r.Name.Trim(),
            Year = r.Year!.Value,
            GiftValue = r.GiftValue!.Value,
            Form = form!.Value,
            GoodsName = form == Channel.Goods ? r.GoodsName!.Trim() : null,
            GiftsMobilised = r.Gifts!.Value,
            FundId = r.FundId,
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        };
        db.Add(campaign);
        db.Audit("gift_campaign.create", "gift_campaign", campaign.Id.ToString(), unit.Code,
            after: new { campaign.Name, occasion = OccasionCode(campaign.Occasion), campaign.Year, campaign.GiftValue, campaign.GiftsMobilised, form = LedgerRules.ChannelCode(campaign.Form) });
        await db.SaveChangesAsync(ct);
        return campaign;
    }

    /// <summary>The campaign if the user may see it: in scope, or allocated to a commune of the user's scope.</summary>
    public async Task<GiftCampaign> GetAsync(Guid id, CancellationToken ct = default)
    {
        var c = await db.Set<GiftCampaign>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy đợt tặng quà.");
        var scope = await scopes.CurrentAsync(ct);
        if (scope.Allows(c.UnitId, c.CurrentProvinceCode))
        {
            return c;
        }
        if (scope.Kind == ScopeKind.Commune && await db.Set<GiftAllocation>().AnyAsync(a => a.CampaignId == id && scope.CommuneIds.Contains(a.UnitId), ct))
        {
            return c;
        }
        await db.AuditDeniedAsync("gift_campaign", id.ToString(), c.UnitCode, ct);
        throw new NotFoundException("Không tìm thấy đợt tặng quà.");
    }

    public async Task<List<GiftCampaignView>> ListAsync(int? year, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<GiftCampaign>().AsNoTracking();
        if (year is { } y)
        {
            q = q.Where(c => c.Year == y);
        }
        q = scope.Kind switch
        {
            ScopeKind.Nation => q,
            ScopeKind.Province => q.Where(c => c.CurrentProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => q.Where(c => scope.CommuneIds.Contains(c.UnitId)
                || db.Set<GiftAllocation>().Any(a => a.CampaignId == c.Id && scope.CommuneIds.Contains(a.UnitId))),
            _ => q.Where(c => false),
        };
        var campaigns = await q.OrderByDescending(c => c.Year).ThenBy(c => c.UnitCode).ThenBy(c => c.Name).Take(500).ToListAsync(ct);
        var ids = campaigns.Select(c => c.Id).ToList();
        var allocated = await db.Set<GiftAllocation>().AsNoTracking().Where(a => ids.Contains(a.CampaignId))
            .GroupBy(a => a.CampaignId).Select(g => new { g.Key, Gifts = g.Sum(a => a.Gifts) }).ToDictionaryAsync(x => x.Key, x => x.Gifts, ct);
        var handed = await db.Set<GiftHandout>().AsNoTracking().Where(h => ids.Contains(h.CampaignId))
            .GroupBy(h => h.CampaignId).Select(g => new { g.Key, Count = g.Count(), Value = g.Sum(h => h.Value), Settled = g.Count(h => h.SettledEntryId != null) })
            .ToDictionaryAsync(x => x.Key, ct);
        return campaigns.Select(c =>
        {
            var h = handed.GetValueOrDefault(c.Id);
            return View(c, allocated.GetValueOrDefault(c.Id), h?.Count ?? 0, h?.Value ?? 0, h?.Settled ?? 0, []);
        }).ToList();
    }

    public async Task<GiftCampaignView> DetailAsync(Guid id, CancellationToken ct = default)
    {
        var c = await GetAsync(id, ct);
        var allocations = await db.Set<GiftAllocation>().AsNoTracking().Where(a => a.CampaignId == id)
            .GroupBy(a => new { a.UnitId, a.UnitCode, a.UnitName }).Select(g => new { g.Key.UnitId, g.Key.UnitCode, g.Key.UnitName, Gifts = g.Sum(a => a.Gifts) })
            .ToListAsync(ct);
        var handouts = await db.Set<GiftHandout>().AsNoTracking().Where(h => h.CampaignId == id)
            .GroupBy(h => new { h.CommuneUnitId, h.CommuneCode }).Select(g => new { g.Key.CommuneUnitId, g.Key.CommuneCode, Count = g.Count(), Value = g.Sum(h => h.Value), Settled = g.Count(h => h.SettledEntryId != null) })
            .ToListAsync(ct);
        var names = await db.AdminUnits.AsNoTracking().Where(u => handouts.Select(h => h.CommuneUnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        var units = allocations.Select(a =>
        {
            var h = handouts.Where(x => x.CommuneUnitId == a.UnitId).ToList();
            return new GiftUnitView(a.UnitCode, a.UnitName, a.Gifts, h.Sum(x => x.Count), h.Sum(x => x.Value));
        }).ToList();
        units.AddRange(handouts.Where(h => allocations.All(a => a.UnitId != h.CommuneUnitId))
            .Select(h => new GiftUnitView(h.CommuneCode, names.GetValueOrDefault(h.CommuneUnitId) ?? h.CommuneCode, 0, h.Count, h.Value)));
        return View(c, allocations.Sum(a => a.Gifts), handouts.Sum(h => h.Count), handouts.Sum(h => h.Value), handouts.Sum(h => h.Settled),
            units.OrderBy(u => u.UnitCode, StringComparer.Ordinal).ToList());
    }

    private static GiftCampaignView View(GiftCampaign c, int allocated, int handed, long value, int settled, IReadOnlyList<GiftUnitView> units) =>
        new(c.Id, c.UnitCode, c.UnitName, FundDirectory.LevelCode(c.UnitLevel), OccasionCode(c.Occasion), OccasionName(c.Occasion), c.Name, c.Year, LedgerRules.ChannelCode(c.Form), c.GiftValue,
            c.GoodsName, c.GiftsMobilised, c.ValueMobilised, allocated, handed, value, settled, c.FundId, units);

    /// <summary>More gifts mobilised for the campaign (a later pledge, a second delivery).</summary>
    public async Task<GiftCampaignView> MobiliseAsync(Guid id, GiftMobiliseRequest r, CancellationToken ct = default)
    {
        RequireManager();
        var c = await GetAsync(id, ct);
        if (r.Gifts is not (>= 1 and <= MaxGifts))
        {
            throw new InputValidationException("gifts", "Số suất quà vận động thêm phải lớn hơn 0.");
        }
        if ((decimal)c.GiftValue * (c.GiftsMobilised + (long)r.Gifts.Value) > LedgerRules.MaxAmount || c.GiftsMobilised + (long)r.Gifts.Value > MaxGifts)
        {
            throw new InputValidationException("gifts", "Tổng số quà vượt quá giới hạn cho phép.");
        }
        await db.Set<GiftCampaign>().Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.GiftsMobilised, x => x.GiftsMobilised + r.Gifts.Value), ct);
        db.Audit("gift_campaign.mobilise", "gift_campaign", id.ToString(), c.UnitCode, after: new { added = r.Gifts, before = c.GiftsMobilised });
        await db.SaveChangesAsync(ct);
        return await DetailAsync(id, ct);
    }

    /// <summary>Gifts handed down to a commune below the campaign's unit; never more than were mobilised.</summary>
    public async Task<GiftAllocation> AllocateAsync(Guid id, GiftAllocationRequest r, CancellationToken ct = default)
    {
        RequireManager();
        var c = await GetAsync(id, ct);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(r.UnitCode))
        {
            errors.Add("unitCode", "Thiếu mã xã nhận phân bổ quà.");
        }
        if (r.Gifts is not (>= 1 and <= MaxGifts))
        {
            errors.Add("gifts", "Số suất quà phân bổ phải lớn hơn 0.");
        }
        errors.ThrowIfAny();
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.Allows(c.UnitId, c.CurrentProvinceCode))
        {
            throw new RuleViolationException($"Chỉ {c.UnitName} (đơn vị tổ chức) được phân bổ quà của đợt này.");
        }
        var unit = await directory.FindUnitAsync(r.UnitCode!, null, ct)
            ?? throw new InputValidationException("unitCode", $"Không có đơn vị hành chính mã \"{r.UnitCode?.Trim()}\".");
        if (unit.Level != AdminLevel.Commune || !unit.IsValidOn(db.Today()) || !await directory.IsBelowAsync(c.UnitId, unit.Id, ct))
        {
            throw new InputValidationException("unitCode", $"Quà chỉ phân bổ cho xã, phường hiện hành thuộc {c.UnitName}; {unit.FullName} không thuộc địa bàn này.");
        }
        await using var tx = await db.BeginWriteAsync(ct);
        await LockAsync(id, ct);
        var mobilised = await db.Set<GiftCampaign>().Where(x => x.Id == id).Select(x => x.GiftsMobilised).FirstAsync(ct);
        var allocated = await db.Set<GiftAllocation>().Where(a => a.CampaignId == id).SumAsync(a => (long?)a.Gifts, ct) ?? 0;
        if (allocated + r.Gifts!.Value > mobilised)
        {
            throw new RuleViolationException($"Đợt tặng quà mới vận động được {mobilised:N0} suất, đã phân bổ {allocated:N0}; không phân bổ thêm được {r.Gifts:N0} suất.");
        }
        var allocation = new GiftAllocation
        {
            CampaignId = id,
            UnitId = unit.Id,
            UnitCode = unit.Code,
            UnitName = unit.FullName,
            Gifts = r.Gifts.Value,
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        };
        db.Add(allocation);
        db.Audit("gift_campaign.allocate", "gift_campaign", id.ToString(), unit.Code, after: new { unit = unit.Code, gifts = allocation.Gifts });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return allocation;
    }

    /// <summary>
    /// Households of a commune who may receive a gift: those on the poor or near-poor list on the
    /// day, or any household of the register (group "all"), each marked if it already has one.
    /// </summary>
    public async Task<List<GiftCandidate>> CandidatesAsync(Guid id, string? unitCode, string? group, string? search, CancellationToken ct = default)
    {
        var c = await GetAsync(id, ct);
        var commune = await CommuneForHandoutsAsync(c, unitCode, ct);
        var date = db.Today();
        var groupCode = group?.Trim().ToLowerInvariant();
        if (groupCode is not (null or "" or "all" or "poor" or "near_poor" or "poor_or_near_poor"))
        {
            throw new InputValidationException("group", "Nhóm đối tượng phải là poor, near_poor, poor_or_near_poor hoặc all.");
        }
        var households = db.Set<Household>().AsNoTracking().Where(h => h.CommuneUnitId == commune.Id && h.Status == HouseholdStatus.Active);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var key = Platform.Text.VietnameseText.SearchKey(search);
            households = households.Where(h => h.HeadSearch != null && h.HeadSearch.Contains(key));
        }
        var statuses = db.Set<PovertyStatus>().AsNoTracking().Where(s => (s.Status == PovertyClass.Poor || s.Status == PovertyClass.NearPoor) && s.From <= date && (s.To == null || s.To >= date));
        if (groupCode is "poor" or "near_poor" or "poor_or_near_poor")
        {
            var wanted = groupCode switch
            {
                "poor" => new[] { PovertyClass.Poor },
                "near_poor" => [PovertyClass.NearPoor],
                _ => [PovertyClass.Poor, PovertyClass.NearPoor],
            };
            var ids = statuses.Where(s => wanted.Contains(s.Status)).Select(s => s.HouseholdId);
            households = households.Where(h => ids.Contains(h.Id));
        }
        var page = await households.OrderBy(h => h.VillageName).ThenBy(h => h.HeadSearch).Take(1000)
            .Select(h => new { h.Id, h.Code, h.HeadName, h.VillageName, h.CommuneCode }).ToListAsync(ct);
        var pageIds = page.Select(h => h.Id).ToList();
        var statusOf = await statuses.Where(s => pageIds.Contains(s.HouseholdId)).Select(s => new { s.HouseholdId, s.Status }).ToListAsync(ct);
        var given = (await db.Set<GiftHandout>().AsNoTracking().Where(g => g.CampaignId == id && pageIds.Contains(g.HouseholdId)).Select(g => g.HouseholdId).ToListAsync(ct)).ToHashSet();
        return page.Select(h =>
        {
            var s = statusOf.FirstOrDefault(x => x.HouseholdId == h.Id);
            string? code = s is null ? null : s.Status == PovertyClass.Poor ? "poor" : "near_poor";
            return new GiftCandidate(h.Id, h.Code, h.HeadName ?? "", h.VillageName, h.CommuneCode, code, given.Contains(h.Id));
        }).ToList();
    }

    /// <summary>
    /// One gift to one household: the household must be in the campaign's area and the user's
    /// scope, must not already have a gift of this campaign, and the commune's allocation (or the
    /// campaign's gifts) must not be exhausted. A poor or near-poor group is checked against the lists.
    /// </summary>
    public async Task<GiftHandout> HandOutAsync(Guid id, GiftHandoutRequest r, CancellationToken ct = default)
    {
        RequireManager();
        var c = await GetAsync(id, ct);
        var errors = new ValidationErrors();
        if (r.HouseholdId is null)
        {
            errors.Add("householdId", "Thiếu hộ nhận quà.");
        }
        GiftGroup? group = null;
        if (!string.IsNullOrWhiteSpace(r.Group))
        {
            group = ParseGroup(r.Group);
            if (group is null)
            {
                errors.Add("group", "Đối tượng phải là poor, near_poor, policy, elderly hoặc other.");
            }
        }
        var today = db.Today();
        var date = r.HandedOn ?? today;
        if (date > today)
        {
            errors.Add("handedOn", $"Ngày trao quà {date:dd/MM/yyyy} ở tương lai.");
        }
        else if (date.Year < c.Year - 1 || date.Year > c.Year + 1)
        {
            errors.Add("handedOn", $"Ngày trao quà {date:dd/MM/yyyy} không thuộc đợt tặng quà năm {c.Year}.");
        }
        if (r.ReceivedBy?.Length > 200)
        {
            errors.Add("receivedBy", "Tên người nhận dài quá 200 ký tự.");
        }
        errors.ThrowIfAny();
        var household = await db.Set<Household>().AsNoTracking().Where(h => h.Id == r.HouseholdId)
            .Select(h => new { h.Id, h.CommuneUnitId, h.CommuneCode, h.ProvinceCode, h.HeadName, h.VillageName, h.Status }).FirstOrDefaultAsync(ct);
        var scope = await scopes.CurrentAsync(ct);
        if (household is null || !scope.Allows(household.CommuneUnitId, household.ProvinceCode))
        {
            throw new InputValidationException("householdId", "Không tìm thấy hộ trong sổ hộ của địa bàn bạn phụ trách.");
        }
        if (household.Status != HouseholdStatus.Active)
        {
            throw new InputValidationException("householdId", "Hộ này không còn trong sổ (đã chuyển đi hoặc giải thể).");
        }
        var inArea = household.CommuneUnitId == c.UnitId || await directory.IsBelowAsync(c.UnitId, household.CommuneUnitId, ct);
        if (!inArea)
        {
            throw new InputValidationException("householdId", $"Hộ {household.HeadName} không thuộc địa bàn của {c.UnitName}.");
        }
        var status = await db.Set<PovertyStatus>().AsNoTracking()
            .Where(s => s.HouseholdId == household.Id && s.From <= date && (s.To == null || s.To >= date)).Select(s => (PovertyClass?)s.Status).FirstOrDefaultAsync(ct);
        var listed = status switch
        {
            PovertyClass.Poor => (GiftGroup?)GiftGroup.Poor,
            PovertyClass.NearPoor => GiftGroup.NearPoor,
            _ => null,
        };
        if (group is null)
        {
            group = listed ?? throw new InputValidationException("group",
                $"Hộ {household.HeadName} không có trong danh sách hộ nghèo, cận nghèo ngày {date:dd/MM/yyyy}; hãy ghi rõ đối tượng (gia đình chính sách, người cao tuổi, khác).");
        }
        else if (group is GiftGroup.Poor or GiftGroup.NearPoor && group != listed)
        {
            throw new InputValidationException("group", $"Hộ {household.HeadName} không có trong danh sách {GroupName(group.Value).ToLowerInvariant()} ngày {date:dd/MM/yyyy}.");
        }

        await using var tx = await db.BeginWriteAsync(ct);
        await LockAsync(id, ct);
        if (await db.Set<GiftHandout>().AnyAsync(h => h.CampaignId == id && h.HouseholdId == household.Id, ct))
        {
            throw new RuleViolationException($"Hộ {household.HeadName} đã nhận quà của đợt \"{c.Name}\"; mỗi hộ chỉ nhận một suất mỗi đợt.");
        }
        var campaignAtCommune = c.UnitId == household.CommuneUnitId;
        var limit = campaignAtCommune
            ? await db.Set<GiftCampaign>().Where(x => x.Id == id).Select(x => x.GiftsMobilised).FirstAsync(ct)
                - (await db.Set<GiftAllocation>().Where(a => a.CampaignId == id).SumAsync(a => (int?)a.Gifts, ct) ?? 0)
            : await db.Set<GiftAllocation>().Where(a => a.CampaignId == id && a.UnitId == household.CommuneUnitId).SumAsync(a => (int?)a.Gifts, ct) ?? 0;
        var given = await db.Set<GiftHandout>().CountAsync(h => h.CampaignId == id && h.CommuneUnitId == household.CommuneUnitId, ct);
        if (given >= limit)
        {
            throw new RuleViolationException(limit == 0 && !campaignAtCommune
                ? $"Đợt tặng quà chưa phân bổ suất quà nào cho {household.CommuneCode}; không trao được."
                : $"Đã trao hết {limit:N0} suất quà dành cho xã {household.CommuneCode} của đợt này.");
        }
        var handout = new GiftHandout
        {
            CampaignId = id,
            HouseholdId = household.Id,
            CommuneUnitId = household.CommuneUnitId,
            CommuneCode = household.CommuneCode,
            HeadName = household.HeadName ?? "",
            VillageName = household.VillageName,
            Group = group.Value,
            Value = c.GiftValue,
            HandedOn = date,
            ReceivedBy = string.IsNullOrWhiteSpace(r.ReceivedBy) ? null : r.ReceivedBy.Trim(),
            CreatedAt = db.Now(),
            CreatedBy = db.Actor.UserName,
        };
        db.Add(handout);
        db.Audit("gift_campaign.handout", "household", household.Id.ToString(), household.CommuneCode,
            after: new { campaign = id, group = GroupCode(group.Value), handout.Value, handout.HandedOn });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new RuleViolationException($"Hộ {household.HeadName} đã nhận quà của đợt \"{c.Name}\"; mỗi hộ chỉ nhận một suất mỗi đợt.");
        }
        await tx.CommitAsync(ct);
        return handout;
    }

    public async Task<List<GiftHandoutView>> HandoutsAsync(Guid id, string? unitCode, CancellationToken ct = default)
    {
        var c = await GetAsync(id, ct);
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<GiftHandout>().AsNoTracking().Where(h => h.CampaignId == id);
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            var code = unitCode.Trim();
            q = q.Where(h => h.CommuneCode == code);
        }
        if (scope.Kind == ScopeKind.Commune)
        {
            q = q.Where(h => scope.CommuneIds.Contains(h.CommuneUnitId));
        }
        var rows = await q.OrderBy(h => h.CommuneCode).ThenBy(h => h.VillageName).ThenBy(h => h.HeadName).ThenBy(h => h.Id).Take(50_000).ToListAsync(ct);
        db.Audit("gift_campaign.list_read", "gift_campaign", id.ToString(), c.UnitCode, after: new { unitCode, rows = rows.Count });
        await db.SaveChangesAsync(ct);
        return rows.Select(h => new GiftHandoutView(h.Id, h.HouseholdId, h.HeadName, h.VillageName, h.CommuneCode, GroupCode(h.Group), GroupName(h.Group),
            h.Value, h.HandedOn, h.ReceivedBy, h.SettledEntryId)).ToList();
    }

    /// <summary>
    /// Posts the handouts not yet settled as one "hardship support and gifts" spending of the paying
    /// fund, naming every household. Run again after a failure, it finds the same entry (the
    /// idempotency key is the set of handouts) and only marks them.
    /// </summary>
    public async Task<GiftSettlement> SettleAsync(Guid id, GiftSettleRequest r, CancellationToken ct = default)
    {
        var c = await GetAsync(id, ct);
        if (c.FundId is not { } fundId)
        {
            throw new RuleViolationException("Đợt tặng quà này không gắn với quỹ chi trả nào; không quyết toán vào sổ quỹ được.");
        }
        var pending = await db.Set<GiftHandout>().AsNoTracking().Where(h => h.CampaignId == id && h.SettledEntryId == null)
            .OrderBy(h => h.Id).Select(h => new { h.Id, h.HouseholdId, h.Value }).Take(10_000).ToListAsync(ct);
        if (pending.Count == 0)
        {
            throw new RuleViolationException("Không còn suất quà nào đã trao mà chưa quyết toán.");
        }
        var key = "gift:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(id + ":" + string.Join(',', pending.Select(p => p.Id)))))[..40];
        var amount = pending.Sum(p => p.Value);
        var description = $"Chi {OccasionName(c.Occasion).ToLowerInvariant()}: {c.Name} — {pending.Count:N0} suất";
        var spending = c.Form == Channel.Goods
            ? new SpendingRequest(r.Date ?? db.Today(), "hardship_gift", pending.Count, null, pending.Select(p => p.HouseholdId).ToList(), description,
                Channel: "goods", GoodsName: c.GoodsName, Quantity: pending.Count, ApprovedBy: r.ApprovedBy)
            : new SpendingRequest(r.Date ?? db.Today(), "hardship_gift", pending.Count, amount, pending.Select(p => p.HouseholdId).ToList(), description,
                Channel: LedgerRules.ChannelCode(c.Form), ApprovedBy: r.ApprovedBy);
        var posted = await ledger.SpendAsync(fundId, spending, key, ct);
        var ids = pending.Select(p => p.Id).ToList();
        foreach (var chunk in ids.Chunk(1000))
        {
            await db.Set<GiftHandout>().Where(h => chunk.Contains(h.Id) && h.SettledEntryId == null).ExecuteUpdateAsync(s => s.SetProperty(h => h.SettledEntryId, posted.Id), ct);
        }
        db.Audit("gift_campaign.settle", "gift_campaign", id.ToString(), c.UnitCode, after: new { entryId = posted.Id, posted.VoucherNumber, handouts = pending.Count, amount });
        await db.SaveChangesAsync(ct);
        return new GiftSettlement(posted.Id, posted.VoucherNumber, pending.Count, amount);
    }

    /// <summary>The commune whose households a user hands gifts to: the one named, or the user's own, or the campaign's.</summary>
    private async Task<AdminUnit> CommuneForHandoutsAsync(GiftCampaign c, string? unitCode, CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        AdminUnit? unit;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            unit = await directory.FindUnitAsync(unitCode, null, ct) ?? throw new InputValidationException("unitCode", $"Không có đơn vị hành chính mã \"{unitCode.Trim()}\".");
        }
        else if (c.UnitLevel == AdminLevel.Commune)
        {
            unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Id == c.UnitId, ct);
        }
        else if (scope.Kind == ScopeKind.Commune && scope.Unit is not null)
        {
            unit = scope.Unit;
        }
        else
        {
            throw new InputValidationException("unitCode", "Hãy chọn xã, phường để lập danh sách nhận quà.");
        }
        if (unit.Level != AdminLevel.Commune || !scope.Allows(unit.Id, unit.CurrentProvinceCode)
            || (unit.Id != c.UnitId && !await directory.IsBelowAsync(c.UnitId, unit.Id, ct)))
        {
            throw new InputValidationException("unitCode", $"{unit.FullName} không thuộc địa bàn của đợt tặng quà hoặc ngoài phạm vi của bạn.");
        }
        return unit;
    }

    private async Task LockAsync(Guid id, CancellationToken ct)
    {
        if (db.Engine == DatabaseEngine.Postgres)
        {
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM gift_campaigns WHERE "Id" = {id} FOR UPDATE""", ct);
        }
        // SQLite: the transaction began IMMEDIATE and already holds the database's write lock.
    }
}
