using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Standards;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Poverty.Rounds;

public sealed record PostedEntry(string HeadName, string? Village, string Category);

public sealed record StatusEntry(string Status, string Movement, DateOnly From, DateOnly? To, Guid RoundId, string? DecisionNumber);

/// <summary>Reading rounds: lists in scope, one round's households, the posted (masked) list, a household's history.</summary>
public sealed class RoundQueries(AnSinhDbContext db, ScopeResolver scopes, ReviewRounds rounds)
{
    public async Task<List<RoundSummary>> ListAsync(string? communeCode, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<ReviewRound>().AsNoTracking();
        q = scope.Kind switch
        {
            ScopeKind.Nation => q,
            ScopeKind.Province => q.Where(r => r.ProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => q.Where(r => scope.CommuneIds.Contains(r.CommuneUnitId)),
            _ => q.Where(r => false),
        };
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            q = q.Where(r => r.CommuneCode == communeCode.Trim());
        }
        var list = await q.OrderByDescending(r => r.StartedOn).Take(200).ToListAsync(ct);
        var result = new List<RoundSummary>();
        foreach (var r in list)
        {
            result.Add(await SummaryAsync(r, ct));
        }
        return result;
    }

    public async Task<RoundSummary> GetAsync(Guid id, CancellationToken ct = default) => await SummaryAsync(await rounds.LoadAsync(id, ct), ct);

    public async Task<RoundSummary> SummaryAsync(ReviewRound r, CancellationToken ct)
    {
        var rows = db.Set<ReviewHousehold>().AsNoTracking().Where(x => x.RoundId == r.Id);
        var counts = await rows.GroupBy(x => 1).Select(g => new
        {
            Total = g.Count(),
            Surveyed = g.Count(x => x.SurveyedOn != null),
            Classified = g.Count(x => x.Result != null && x.Result != PovertyClass.Incomplete),
        }).FirstOrDefaultAsync(ct);
        var name = await db.AdminUnits.AsNoTracking().Where(u => u.Id == r.CommuneUnitId).Select(u => u.FullName).FirstAsync(ct);
        return new RoundSummary(r.Id, r.CommuneCode, name, r.Kind == RoundKind.Periodic ? "periodic" : "regular", r.Year, r.StartedOn, r.DueOn, r.StandardCode,
            StageCode(r.Stage), r.IsFrozen, r.PostingStart, r.PostingEnd, r.DecisionNumber, r.DecidedOn, counts?.Total ?? 0, counts?.Surveyed ?? 0, counts?.Classified ?? 0);
    }

    public async Task<(List<RoundHouseholdView> Items, int Total)> HouseholdsAsync(Guid id, string? village, int page, int pageSize, CancellationToken ct = default)
    {
        var round = await rounds.LoadAsync(id, ct);
        var standard = await rounds.StandardAsync(round, ct);
        var q = db.Set<ReviewHousehold>().AsNoTracking().Where(x => x.RoundId == id);
        if (!string.IsNullOrWhiteSpace(village))
        {
            q = q.Where(x => x.VillageName == village);
        }
        var total = await q.CountAsync(ct);
        pageSize = Math.Clamp(pageSize, 1, 500);
        var rows = await q.OrderBy(x => x.VillageName).ThenBy(x => x.HouseholdCode).Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var indicators = standard.IndicatorList;
        return (rows.Select(x => new RoundHouseholdView(x.HouseholdId, x.HouseholdCode, x.HeadName, x.VillageName, x.IsUrban,
            x.Source == ReviewSource.CurrentList ? "current_list" : "request", PovertyClassifier.Code(x.PreviousStatus), x.Income, x.IncomeScore,
            ReviewRules.Codes(indicators, x.DeprivedMask), ReviewRules.Codes(indicators, x.UnknownMask), x.FloorArea, x.SurveyedOn, x.SurveyedBy, x.NeedsRescore,
            x.Result is { } c ? PovertyClassifier.Code(c) : null, x.Movement is { } m ? ReviewRules.Code(m) : null, x.Version)).ToList(), total);
    }

    public async Task<List<string?>> VillagesAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<ReviewHousehold>().AsNoTracking().Where(x => x.RoundId == id).Select(x => x.VillageName).Distinct().OrderBy(v => v).ToListAsync(ct);

    public async Task<List<ReviewMeeting>> MeetingsAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<ReviewMeeting>().AsNoTracking().Where(m => m.RoundId == id).OrderBy(m => m.HeldOn).ThenBy(m => m.Id).ToListAsync(ct);

    public async Task<List<ReviewComplaint>> ComplaintsAsync(Guid id, CancellationToken ct = default) =>
        await db.Set<ReviewComplaint>().AsNoTracking().Where(m => m.RoundId == id).OrderBy(m => m.ReceivedOn).ThenBy(m => m.Id).ToListAsync(ct);

    /// <summary>
    /// The list posted in public (RULES.md §6): head of household, village and category only —
    /// no ID numbers, income, indicators, ethnicity or health. Poor and near-poor households.
    /// </summary>
    public async Task<List<PostedEntry>> PostedListAsync(Guid id, CancellationToken ct = default)
    {
        await rounds.LoadAsync(id, ct);
        return (await db.Set<ReviewHousehold>().AsNoTracking()
                .Where(x => x.RoundId == id && (x.Result == PovertyClass.Poor || x.Result == PovertyClass.NearPoor))
                .OrderBy(x => x.VillageName).ThenBy(x => x.HeadName)
                .Select(x => new { x.HeadName, x.VillageName, x.Result }).ToListAsync(ct))
            .Select(x => new PostedEntry(x.HeadName ?? "", x.VillageName, ReviewRules.VietnameseName(x.Result!.Value))).ToList();
    }

    public async Task<List<StatusEntry>> HistoryAsync(Guid householdId, CancellationToken ct = default)
    {
        var scope = await scopes.CurrentAsync(ct);
        if (!await AnSinh.Registry.Households.RegistryScope.InScope(db.Set<AnSinh.Registry.Households.Household>(), scope).AnyAsync(h => h.Id == householdId, ct))
        {
            throw new AnSinh.Platform.Errors.NotFoundException("Không tìm thấy hộ.");
        }
        // One entry per decided round the household was in: its status from the decision, its
        // movement, until the next decision (the status table itself keeps one row per period).
        var decided = await db.Set<ReviewHousehold>().AsNoTracking().Where(x => x.HouseholdId == householdId && x.Result != null)
            .Join(db.Set<ReviewRound>().Where(r => r.Stage == RoundStage.Decided), x => x.RoundId, r => r.Id,
                (x, r) => new { Status = x.Result!.Value, x.Movement, From = r.DecidedOn!.Value, r.Id, r.DecisionNumber })
            .OrderBy(x => x.From).ToListAsync(ct);
        return decided.Select((x, i) => new StatusEntry(PovertyClassifier.Code(x.Status), ReviewRules.Code(x.Movement ?? Movement.Unchanged), x.From,
            i + 1 < decided.Count ? decided[i + 1].From.AddDays(-1) : (DateOnly?)null, x.Id, x.DecisionNumber)).ToList();
    }

    public static string StageCode(RoundStage s) => s switch
    {
        RoundStage.Listing => "listing",
        RoundStage.Surveying => "surveying",
        RoundStage.Posting => "posting",
        _ => "decided",
    };

    public async Task<PovertyStandard> StandardAsync(Guid roundId, CancellationToken ct) => await rounds.StandardAsync(await rounds.LoadAsync(roundId, ct), ct);
}
