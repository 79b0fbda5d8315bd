using System.Numerics;
using System.Text.Json;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Standards;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Poverty.Rounds;

/// <summary>
/// Classifies every surveyed household of a round from its stored survey data with the one
/// classifier, a page of rows at a time, and writes each page's results and movements with the
/// engine's bulk path (<see cref="IReviewResultWriter"/>), one transaction per page. Re-running it
/// gives the same results, so a job stopped half-way is run again.
/// </summary>
public sealed class ClassifyRoundJob(AnSinhDbContext db, ReviewRounds rounds, IReviewResultWriter writer) : IJobHandler
{
    public const string JobKind = "poverty.classify_round";
    public const int PageSize = 50_000;

    public string Kind => JobKind;

    public sealed record Payload(Guid RoundId);

    public sealed record Counts(long Classified, long Poor, long NearPoor, long AverageLiving, long NotPoor, long Incomplete, long NotSurveyed);

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(job.Payload ?? "{}") ?? throw new InputValidationException("payload", "Thiếu mã đợt rà soát.");
        var round = await rounds.LoadAsync(payload.RoundId, ct);
        if (!ReviewRounds.CanRun(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được thực hiện rà soát hộ nghèo.");
        }
        var counts = await ClassifyAsync(db, writer, round, progress, ct);
        return JsonSerializer.Serialize(counts);
    }

    public static async Task<Counts> ClassifyAsync(AnSinhDbContext db, IReviewResultWriter writer, ReviewRound round, IJobProgress? progress, CancellationToken ct)
    {
        if (round.IsFrozen)
        {
            throw new RuleViolationException(ReviewRounds.FrozenMessage);
        }
        if (round.Stage >= RoundStage.Posting)
        {
            throw new RuleViolationException("Danh sách đã niêm yết; không phân loại lại cả đợt (chỉ chấm lại hộ có khiếu nại).");
        }
        var standard = await db.Set<PovertyStandard>().AsNoTracking().SingleAsync(s => s.Code == round.StandardCode, ct);
        var id = round.Id;
        var rows = db.Set<ReviewHousehold>().Where(x => x.RoundId == id);
        var total = await rows.LongCountAsync(ct);
        var tallies = new long[5];
        long done = 0, notSurveyed = 0;
        long lastId = 0;
        var results = new List<ReviewResult>(PageSize);
        while (true)
        {
            var page = await db.Set<ReviewHousehold>().AsNoTracking()
                .Where(x => x.RoundId == id && x.Id > lastId)
                .OrderBy(x => x.Id)
                .Select(x => new { x.Id, x.IsUrban, x.Income, x.IncomeScore, x.DeprivedMask, x.UnknownMask, x.SurveyedOn, x.PreviousStatus, x.EverPoor, x.Result, x.Movement })
                .Take(PageSize)
                .ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }
            results.Clear();
            foreach (var x in page)
            {
                if (x.SurveyedOn is null)
                {
                    notSurveyed++;
                    continue;
                }
                var cls = PovertyClassifier.Decide(
                    x.IsUrban ? standard.UrbanIncomeLine : standard.RuralIncomeLine,
                    x.IsUrban ? standard.UrbanAverageUpper : standard.RuralAverageUpper,
                    x.IsUrban ? standard.UrbanScoreThreshold : standard.RuralScoreThreshold,
                    standard.PoorMinDeprivations,
                    x.Income, x.IncomeScore, BitOperations.PopCount((uint)x.DeprivedMask), BitOperations.PopCount((uint)x.UnknownMask));
                var movement = ReviewRules.MovementOf(x.PreviousStatus, cls, x.EverPoor);
                if (x.Result != cls || x.Movement != movement)
                {
                    // Only rows whose result changes are written: a re-run after a crash or a
                    // corrected standard touches what it must.
                    results.Add(new ReviewResult(x.Id, cls, movement));
                }
                tallies[(int)cls]++;
            }
            lastId = page[^1].Id;
            if (results.Count > 0)
            {
                await using var tx = await db.BeginWriteAsync(ct);
                await writer.WriteAsync(results, ct);
                await tx.CommitAsync(ct);
            }
            done += page.Count;
            if (progress is not null)
            {
                await progress.ReportAsync(done, total, $"Đã phân loại {done:N0}/{total:N0} hộ.");
            }
        }
        var counts = new Counts(tallies.Sum(), tallies[(int)PovertyClass.Poor], tallies[(int)PovertyClass.NearPoor], tallies[(int)PovertyClass.AverageLiving],
            tallies[(int)PovertyClass.NotPoor], tallies[(int)PovertyClass.Incomplete], notSurveyed);
        await db.Set<ReviewRound>().Where(r => r.Id == id && r.Stage == RoundStage.Listing)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Stage, RoundStage.Surveying).SetProperty(r => r.Version, r => r.Version + 1), ct);
        db.Audit("review_round.classified", "review_round", id.ToString(), round.CommuneCode, after: counts);
        await db.SaveChangesAsync(ct);
        return counts;
    }
}
