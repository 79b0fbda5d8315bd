using AnSinh.Benefits.Parameters;
using AnSinh.Benefits.Registers;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Reporting;
using AnSinh.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Benefits.Payroll;

public sealed record PayrollRunView(Guid Id, string CommuneCode, string CommuneName, string ProvinceCode, string Month, string Status, int People, long Total,
    long Arrears, long Recoveries, int Withheld, DateTime ComputedAt, string ComputedBy, DateTime? ApprovedAt, string? ApprovedBy, long PaidAmount, int PaidLines);

public sealed record PayrollLineView(long Id, Guid BeneficiaryId, string FullName, string? NationalId, string Scheme, string Kind, string ForMonth, long Amount,
    string Basis, DateOnly? PaidOn, string? PaymentMethod, string? PaymentReference);

public sealed record PayrollRequest(string? CommuneCode, string? Month);

public sealed record PaymentRequest(string? Method, DateOnly? Date, string? Reference, List<Guid>? BeneficiaryIds);

public sealed record PaymentResult(int Lines, long Amount);

/// <summary>An increase or decrease of the month against the month before (danh sách tăng, giảm đối tượng).</summary>
public sealed record PayrollChange(Guid BeneficiaryId, string FullName, string Scheme, long Before, long After, string Reason);

public sealed record PayrollChanges(string Month, string PreviousMonth, IReadOnlyList<PayrollChange> Increases, IReadOnlyList<PayrollChange> Decreases);

/// <summary>What one commune's computation did.</summary>
public sealed record CommuneOutcome(Guid RunId, string CommuneCode, int People, long Total, int Adjustments, int Withheld, bool Frozen, int Lines);

/// <summary>
/// The monthly payroll of a commune (and, as a background job, of every commune of a province):
/// everyone entitled in the month priced by the one calculator, the months already paid re-checked
/// for arrears and recoveries, no national ID paid twice in the province, then approved and frozen.
/// </summary>
public sealed class Payrolls(AnSinhDbContext db, ScopeResolver scopes, BenefitParameters parameters, IPayrollLineWriter writer, IPeriodLock locks)
{
    /// <summary>How far back a payroll re-checks the months it already paid.</summary>
    public const int LookBackMonths = 24;

    public static bool CanCompute(Role role) => role is Role.Administrator or Role.Officer;

    public static bool CanApprove(Role role) => role is Role.Administrator or Role.Approver;

    public static bool CanRead(Role role) => role is Role.Administrator or Role.Officer or Role.Approver or Role.Inspector;

    public static string FrozenMessage(DateOnly month, string commune) =>
        $"Bảng chi trả tháng {month:MM/yyyy} của {commune} đã được duyệt và khóa; không tính lại. Thay đổi sẽ được truy lĩnh hoặc truy thu ở tháng sau.";

    public static string KindCode(PayrollLineKind k) => k switch
    {
        PayrollLineKind.Regular => "regular",
        PayrollLineKind.Arrears => "arrears",
        PayrollLineKind.Recovery => "recovery",
        _ => "withheld",
    };

    public static string KindName(string code) => code switch
    {
        "regular" => "Hằng tháng",
        "arrears" => "Truy lĩnh",
        "recovery" => "Truy thu",
        _ => "Không chi",
    };

    public static DateOnly ValidMonth(string? text, DateOnly today)
    {
        var month = PayrollRules.ParseMonth(text) ?? throw new InputValidationException("month", "Tháng chi trả phải có dạng YYYY-MM (ví dụ 2026-11).");
        if (month > new DateOnly(today.Year, today.Month, 1).AddMonths(1))
        {
            throw new InputValidationException("month", $"Chưa lập được bảng chi trả tháng {month:MM/yyyy}: chỉ lập đến tháng sau tháng hiện tại.");
        }
        if (month.Year < 2021)
        {
            throw new InputValidationException("month", "Tháng chi trả phải từ năm 2021.");
        }
        return month;
    }

    /// <summary>Computes (or computes again, while still a draft) one commune's payroll for the month.</summary>
    public async Task<PayrollRunView> ComputeAsync(PayrollRequest r, CancellationToken ct = default)
    {
        if (!CanCompute(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được lập bảng chi trả.");
        }
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(r.CommuneCode))
        {
            errors.Add("communeCode", "Cần mã xã.");
        }
        errors.ThrowIfAny();
        var month = ValidMonth(r.Month, db.Today());
        // The registers hold today's communes (after the 2025 reorganisation), so the payroll is kept by today's commune.
        var unit = await db.FindCommuneAsync(r.CommuneCode!.Trim(), db.Today(), ct) ?? throw new InputValidationException("communeCode", $"Không có xã (phường) mã {r.CommuneCode!.Trim()} trong danh mục hiện hành.");
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.Allows(unit.Id, unit.ProvinceCode))
        {
            await db.AuditDeniedAsync("payroll", unit.Code, unit.Code, ct);
            throw new InputValidationException("communeCode", "Xã này ngoài địa bàn bạn phụ trách.");
        }
        var pricer = new PayrollPricer(await parameters.LoadAsync(ct));
        var outcome = await ComputeCommuneAsync(db, writer, unit, month, pricer, null, ct);
        if (outcome.Frozen)
        {
            throw new RuleViolationException(FrozenMessage(month, unit.FullName));
        }
        return await GetAsync(outcome.RunId, ct);
    }

    /// <summary>
    /// Every commune of a province with beneficiaries. Communes are committed in groups of about
    /// <see cref="LinesPerCommit"/> lines (one commit per commune rewrote the same index pages
    /// seventy times over); approved communes are left as they are, so a job stopped half-way is
    /// simply run again and finishes the rest.
    /// </summary>
    public static async Task<List<CommuneOutcome>> ComputeProvinceAsync(AnSinhDbContext db, IPayrollLineWriter writer, string provinceCode, DateOnly month, PayrollPricer pricer, IJobProgress? progress, CancellationToken ct)
    {
        var communeIds = await db.Set<Beneficiary>().Where(b => b.ProvinceCode == provinceCode).Select(b => b.CommuneUnitId).Distinct().ToListAsync(ct);
        var units = await db.AdminUnits.AsNoTracking().Where(u => communeIds.Contains(u.Id)).OrderBy(u => u.Code).ToListAsync(ct);
        var outcomes = new List<CommuneOutcome>(units.Count);
        var shared = await SharedKeysAsync(db, provinceCode, month, ct);
        var i = 0;
        while (i < units.Count)
        {
            await using var tx = await db.BeginWriteAsync(ct);
            var lines = 0;
            while (i < units.Count && lines < LinesPerCommit)
            {
                var outcome = await ComputeCommuneAsync(db, writer, units[i++], month, pricer, shared, ct);
                outcomes.Add(outcome);
                lines += outcome.Lines;
            }
            await tx.CommitAsync(ct);
            if (progress is not null)
            {
                await progress.ReportAsync(outcomes.Count, units.Count, $"Đã lập {outcomes.Count}/{units.Count} xã.");
            }
        }
        return outcomes;
    }

    /// <summary>About how many lines a province run writes per commit.</summary>
    public const int LinesPerCommit = 100_000;

    /// <summary>One commune's month, in one transaction (the caller's, when it has one): nothing half-written if it stops.</summary>
    public static async Task<CommuneOutcome> ComputeCommuneAsync(AnSinhDbContext db, IPayrollLineWriter writer, AdminUnit unit, DateOnly month, PayrollPricer pricer,
        IReadOnlySet<string>? shared, CancellationToken ct)
    {
        var set = pricer.Parameters;
        var hash = PayrollRules.ParametersHash(set);
        var own = db.Database.CurrentTransaction is null ? await db.BeginWriteAsync(ct) : null;
        await using var _ = own;
        var run = await db.Set<PayrollRun>().FirstOrDefaultAsync(x => x.CommuneUnitId == unit.Id && x.Month == month, ct);
        if (run is { Status: PayrollStatus.Approved })
        {
            return new CommuneOutcome(run.Id, unit.Code, run.People, run.Total, 0, run.Withheld, true, 0);
        }
        if (run is null)
        {
            run = new PayrollRun
            {
                Id = Guid.CreateVersion7(),
                CommuneUnitId = unit.Id,
                CommuneCode = unit.Code,
                CommuneName = unit.FullName,
                ProvinceCode = unit.ProvinceCode,
                Month = month,
                Status = PayrollStatus.Draft,
                ParametersHash = hash,
                ComputedBy = db.Actor.UserName,
            };
            db.Add(run);
        }
        else
        {
            var runId = run.Id;
            await db.Set<PayrollLine>().Where(l => l.RunId == runId).ExecuteDeleteAsync(ct);
        }
        run.ParametersHash = hash;
        run.ComputedAt = db.Now();
        run.ComputedBy = db.Actor.UserName;

        var unitId = unit.Id;
        var people = await ForPricing(db.Set<Beneficiary>()
            .Where(b => b.CommuneUnitId == unitId && b.EntitledFrom <= month && (b.EndedOn == null || b.EndedOn >= month))).ToListAsync(ct);
        var lines = new List<PayrollLine>(people.Count + 16);
        PayrollLine Line(Beneficiary b, PayrollLineKind kind, DateOnly forMonth, long amount, string basis) => new()
        {
            RunId = run.Id,
            BeneficiaryId = b.Id,
            ProvinceCode = b.ProvinceCode,
            PayKey = PayrollRules.PayKey(b.NationalId, b.PersonId),
            Scheme = b.Scheme,
            Kind = kind,
            ForMonth = forMonth,
            Amount = amount,
            Basis = basis,
        };

        // Paid elsewhere in the province this month (a person who moved): withheld here, with the commune that pays.
        var paidElsewhere = await PaidElsewhereAsync(db, unit, month, run.Id, people, shared ?? await SharedKeysAsync(db, unit.ProvinceCode, month, ct), ct);
        var regular = new Dictionary<(string Key, Scheme Scheme), PayrollLine>();
        foreach (var b in people)
        {
            var key = PayrollRules.PayKey(b.NationalId, b.PersonId);
            if (paidElsewhere.TryGetValue((key, b.Scheme), out var where))
            {
                lines.Add(Line(b, PayrollLineKind.Withheld, month, 0, $"Đã có trong bảng chi trả tháng {month:MM/yyyy} của {where}; không chi hai nơi."));
                continue;
            }
            var priced = pricer.Price(b, month);
            if (priced.Amount is not { } amount)
            {
                lines.Add(Line(b, PayrollLineKind.Withheld, month, 0, priced.Basis));
                continue;
            }
            var line = Line(b, PayrollLineKind.Regular, month, amount, priced.Basis);
            if (!regular.TryAdd((key, b.Scheme), line))
            {
                lines.Add(Line(b, PayrollLineKind.Withheld, month, 0, "Trùng số định danh với một đối tượng khác trong bảng này; không chi hai lần."));
                continue;
            }
            lines.Add(line);
        }

        // Social pension and a social allowance: only the higher is paid (Decree 176/2025).
        foreach (var ((key, scheme), pension) in regular.Where(x => x.Key.Scheme == Scheme.SocialPension).ToList())
        {
            if (regular.TryGetValue((key, Scheme.SocialAssistance), out var assistance))
            {
                var (keep, drop) = pension.Amount > assistance.Amount ? (pension, assistance) : (assistance, pension);
                drop.Kind = PayrollLineKind.Withheld;
                drop.Basis = $"Đang hưởng {(keep == pension ? "trợ cấp hưu trí xã hội" : "trợ cấp xã hội")} cao hơn ({PayrollRules.Money(keep.Amount)}); chỉ hưởng một mức (Nghị định 176/2025/NĐ-CP).";
                drop.Amount = 0;
            }
        }

        var adjustments = await AdjustmentsAsync(db, unit, month, hash, pricer, people, ct);
        foreach (var (b, a) in adjustments)
        {
            lines.Add(Line(b, a.Kind, a.Month, a.Amount, a.Basis));
        }

        run.People = lines.Where(l => l.Kind == PayrollLineKind.Regular).Select(l => l.BeneficiaryId).Distinct().Count();
        run.Total = lines.Sum(l => l.Amount);
        run.Arrears = lines.Where(l => l.Kind == PayrollLineKind.Arrears).Sum(l => l.Amount);
        run.Recoveries = -lines.Where(l => l.Kind == PayrollLineKind.Recovery).Sum(l => l.Amount);
        run.Withheld = lines.Count(l => l.Kind == PayrollLineKind.Withheld);
        db.Audit("payroll.compute", "payroll", run.Id.ToString(), unit.Code,
            after: new { month = month.ToString("yyyy-MM"), run.People, run.Total, run.Arrears, run.Recoveries, run.Withheld, run.ComputedBy, computedById = db.Actor.UserId });
        try
        {
            await db.SaveChangesAsync(ct);
            await writer.WriteAsync(lines, ct);
            if (own is not null)
            {
                await own.CommitAsync(ct);
            }
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException($"Bảng chi trả tháng {month:MM/yyyy} của {unit.FullName} đang được lập ở nơi khác, hoặc một người vừa được đưa vào bảng chi trả của xã khác; hãy tính lại.");
        }
        catch (System.Data.Common.DbException ex) when (ex.SqlState == "23505" || ex.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal))
        {
            throw new RuleViolationException($"Một người trong bảng chi trả tháng {month:MM/yyyy} của {unit.FullName} vừa được đưa vào bảng chi trả của xã khác; hãy tính lại.");
        }
        db.ChangeTracker.Clear();
        return new CommuneOutcome(run.Id, unit.Code, run.People, run.Total, adjustments.Count, run.Withheld, false, lines.Count);
    }

    /// <summary>
    /// The pay keys with records in more than one commune of the province that month (a person
    /// moved, a hand-over recorded twice): the only people who can already be on another
    /// commune's payroll. One grouped query for the whole province.
    /// </summary>
    public static async Task<HashSet<string>> SharedKeysAsync(AnSinhDbContext db, string province, DateOnly month, CancellationToken ct)
    {
        var active = db.Set<Beneficiary>().Where(b => b.ProvinceCode == province && b.EntitledFrom <= month && (b.EndedOn == null || b.EndedOn >= month));
        var byNationalId = await active.Where(b => b.NationalId != null).GroupBy(b => b.NationalId!)
            .Where(g => g.Min(b => b.CommuneUnitId) != g.Max(b => b.CommuneUnitId)).Select(g => g.Key).ToListAsync(ct);
        var byPerson = await active.Where(b => b.NationalId == null).GroupBy(b => b.PersonId)
            .Where(g => g.Min(b => b.CommuneUnitId) != g.Max(b => b.CommuneUnitId)).Select(g => g.Key).ToListAsync(ct);
        return byNationalId.Concat(byPerson.Select(p => PayrollRules.PayKey(null, p))).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Keys of this commune's people already on another commune's payroll (draft or approved) for the month.</summary>
    private static async Task<Dictionary<(string, Scheme), string>> PaidElsewhereAsync(AnSinhDbContext db, AdminUnit unit, DateOnly month, Guid runId,
        IEnumerable<Beneficiary> people, IReadOnlySet<string> shared, CancellationToken ct)
    {
        var result = new Dictionary<(string, Scheme), string>();
        var keys = people.Select(b => PayrollRules.PayKey(b.NationalId, b.PersonId)).Where(shared.Contains).Distinct().ToList();
        if (keys.Count == 0)
        {
            return result;
        }
        var province = unit.ProvinceCode;
        var found = await (from l in db.Set<PayrollLine>()
                           join r in db.Set<PayrollRun>() on l.RunId equals r.Id
                           where l.ProvinceCode == province && l.ForMonth == month && l.Kind == PayrollLineKind.Regular && l.RunId != runId && keys.Contains(l.PayKey)
                           select new { l.PayKey, l.Scheme, r.CommuneName }).ToListAsync(ct);
        foreach (var f in found)
        {
            result[(f.PayKey, f.Scheme)] = f.CommuneName;
        }
        return result;
    }

    /// <summary>
    /// Arrears and recoveries for the months this commune already paid (approved payrolls of the
    /// last <see cref="LookBackMonths"/> months). Only records changed since the last approved
    /// payroll are re-checked — or everyone, when the parameters changed since.
    /// </summary>
    private static async Task<List<(Beneficiary, Adjustment)>> AdjustmentsAsync(AnSinhDbContext db, AdminUnit unit, DateOnly month, string hash, PayrollPricer pricer,
        List<Beneficiary> people, CancellationToken ct)
    {
        var unitId = unit.Id;
        var from = month.AddMonths(-LookBackMonths);
        var paidRuns = await db.Set<PayrollRun>().AsNoTracking()
            .Where(r => r.CommuneUnitId == unitId && r.Status == PayrollStatus.Approved && r.Month < month && r.Month >= from)
            .Select(r => new { r.Id, r.Month, r.ComputedAt, r.ParametersHash }).ToListAsync(ct);
        var result = new List<(Beneficiary, Adjustment)>();
        if (paidRuns.Count == 0)
        {
            return result;
        }
        // Each approved payroll re-checked what changed before it, so only what changed since the last one is new.
        var last = paidRuns.MaxBy(r => r.Month)!;
        var since = last.ComputedAt;
        var first = paidRuns.Min(r => r.Month);
        var everyone = last.ParametersHash != hash;
        var lastMonth = last.Month;
        List<Beneficiary> candidates;
        if (everyone)
        {
            // Everyone entitled in a paid month, or ended before it and changed since: this month's
            // people are already read, so only those whose entitlement ended before this month are read here.
            var ended = await ForPricing(db.Set<Beneficiary>().Where(b => b.CommuneUnitId == unitId && b.EntitledFrom <= lastMonth
                && b.EndedOn != null && b.EndedOn < month && (b.EndedOn >= first || b.ChangedAt > since))).ToListAsync(ct);
            candidates = people.Where(b => b.EntitledFrom <= lastMonth).Concat(ended).ToList();
        }
        else
        {
            candidates = await ForPricing(db.Set<Beneficiary>().Where(b => b.CommuneUnitId == unitId && b.ChangedAt > since)).ToListAsync(ct);
        }
        if (candidates.Count == 0)
        {
            return result;
        }
        var runIds = paidRuns.Select(r => r.Id).ToList();
        var ids = candidates.Select(c => c.Id).ToHashSet();
        var inRuns = db.Set<PayrollLine>().AsNoTracking().Where(l => runIds.Contains(l.RunId));
        if (ids.Count <= 2_000)
        {
            var idList = ids.ToList();
            inRuns = inRuns.Where(l => idList.Contains(l.BeneficiaryId));
        }
        var paidLines = await inRuns.Select(l => new { l.BeneficiaryId, l.ForMonth, l.Kind, l.Amount }).ToListAsync(ct);
        var paid = new Dictionary<(Guid, DateOnly), long>();
        var withheld = new HashSet<(Guid, DateOnly)>();
        foreach (var l in paidLines.Where(l => ids.Contains(l.BeneficiaryId)))
        {
            if (l.Kind == PayrollLineKind.Withheld)
            {
                withheld.Add((l.BeneficiaryId, l.ForMonth));
            }
            else
            {
                paid[(l.BeneficiaryId, l.ForMonth)] = paid.GetValueOrDefault((l.BeneficiaryId, l.ForMonth)) + l.Amount;
            }
        }
        var paidMonths = paidRuns.Select(r => r.Month).OrderBy(m => m).ToList();
        var owed = new List<(Beneficiary B, DateOnly Month, long Due, long Paid)>();
        foreach (var b in candidates)
        {
            var months = new List<PaidMonth>();
            foreach (var m in paidMonths)
            {
                var paidThen = paid.GetValueOrDefault((b.Id, m));
                if (withheld.Contains((b.Id, m)) && paidThen == 0)
                {
                    continue; // withheld then for a reason of its own (paid elsewhere, a higher benefit)
                }
                var entitled = PayrollRules.IsEntitled(b.EntitledFrom, b.EndedOn, m);
                if (!entitled && paidThen == 0)
                {
                    continue;
                }
                var due = 0L;
                if (entitled)
                {
                    var priced = pricer.Price(b, m);
                    if (priced.Amount is not { } amount)
                    {
                        continue; // cannot be priced today: left for the officer, not guessed
                    }
                    due = amount;
                }
                months.Add(new PaidMonth(m, due, paidThen));
            }
            foreach (var a in PayrollRules.Reconcile(months))
            {
                result.Add((b, a));
            }
        }
        // Arrears never pay a month a person was already paid for in another commune.
        var arrearsKeys = result.Where(x => x.Item2.Kind == PayrollLineKind.Arrears && !paid.ContainsKey((x.Item1.Id, x.Item2.Month)))
            .Select(x => PayrollRules.PayKey(x.Item1.NationalId, x.Item1.PersonId)).Distinct().ToList();
        if (arrearsKeys.Count > 0)
        {
            var province = unit.ProvinceCode;
            var elsewhere = (await (from l in db.Set<PayrollLine>()
                                    join r in db.Set<PayrollRun>() on l.RunId equals r.Id
                                    where l.ProvinceCode == province && r.CommuneUnitId != unitId && l.Kind == PayrollLineKind.Regular && arrearsKeys.Contains(l.PayKey)
                                    select new { l.PayKey, l.ForMonth, l.Scheme }).ToListAsync(ct))
                .Select(x => (x.PayKey, x.ForMonth, x.Scheme)).ToHashSet();
            result.RemoveAll(x => x.Item2.Kind == PayrollLineKind.Arrears && elsewhere.Contains((PayrollRules.PayKey(x.Item1.NationalId, x.Item1.PersonId), x.Item2.Month, x.Item1.Scheme)));
        }
        return result;
    }

    /// <summary>
    /// The columns a payroll prices and writes from, and no others: a province's month reads
    /// hundreds of thousands of records, and reading each whole (names, decisions, timestamps)
    /// took half the month's time. Not for display: the name and decision are left empty.
    /// </summary>
    private static IQueryable<Beneficiary> ForPricing(IQueryable<Beneficiary> query) => query.AsNoTracking().Select(b => new Beneficiary
    {
        Id = b.Id,
        PersonId = b.PersonId,
        CommuneUnitId = b.CommuneUnitId,
        CommuneCode = b.CommuneCode,
        ProvinceCode = b.ProvinceCode,
        FullName = "",
        BirthDate = b.BirthDate,
        NationalId = b.NationalId,
        Scheme = b.Scheme,
        Clauses = b.Clauses,
        Disability = b.Disability,
        Children = b.Children,
        Category = b.Category,
        Martyrs = b.Martyrs,
        InjuryPercent = b.InjuryPercent,
        ParticularlySevere = b.ParticularlySevere,
        DecisionNumber = "",
        EntitledFrom = b.EntitledFrom,
        EndedOn = b.EndedOn,
        CreatedBy = "",
    });

    public async Task<PayrollRunView> ApproveAsync(Guid id, CancellationToken ct = default)
    {
        if (!CanApprove(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ người phê duyệt (Chủ tịch UBND xã hoặc người được ủy quyền) được duyệt bảng chi trả.");
        }
        var run = await LoadAsync(id, ct);
        if (run.Status == PayrollStatus.Approved)
        {
            throw new RuleViolationException(FrozenMessage(run.Month, run.CommuneName));
        }
        // Four eyes: whoever computed the run (this time or an earlier one) does not approve it, the administrator included.
        SeparationOfDuties.Require([run.ComputedBy, .. await ComputedByAsync(run.Id, ct)], db.Actor, "Bảng chi trả này", "lập");
        // An approved payroll counts in its month's period: a locked period takes no more.
        await locks.EnsureOpenAsync(db, run.CommuneUnitId, run.Month, ct);
        run.Status = PayrollStatus.Approved;
        run.ApprovedAt = db.Now();
        run.ApprovedBy = db.Actor.UserName;
        db.Audit("payroll.approve", "payroll", run.Id.ToString(), run.CommuneCode,
            after: new { month = run.Month.ToString("yyyy-MM"), run.People, run.Total, run.ComputedBy, run.ApprovedBy, approvedById = db.Actor.UserId });
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Everyone who computed the run: each computation is audited with its user.</summary>
    private async Task<List<string>> ComputedByAsync(Guid id, CancellationToken ct)
    {
        var entityId = id.ToString();
        return await db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "payroll" && e.EntityId == entityId && e.Action == "payroll.compute")
            .Select(e => e.UserName).Distinct().ToListAsync(ct);
    }

    /// <summary>Records the payment (cash at the commune or transfer to a bank account) of an approved payroll, for everyone or the listed people.</summary>
    public async Task<PaymentResult> PayAsync(Guid id, PaymentRequest r, CancellationToken ct = default)
    {
        if (!CanCompute(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ xã (hoặc quản trị hệ thống) được ghi chi trả.");
        }
        var errors = new ValidationErrors();
        var method = r.Method?.Trim().ToLowerInvariant();
        if (method is not ("cash" or "bank"))
        {
            errors.Add("method", "Hình thức chi trả phải là cash (tiền mặt) hoặc bank (chuyển khoản).");
        }
        if (r.Date is null)
        {
            errors.Add("date", "Cần ngày chi trả.");
        }
        else if (r.Date > db.Today())
        {
            errors.Add("date", $"Ngày chi trả {r.Date:dd/MM/yyyy} ở tương lai.");
        }
        if (method == "bank" && string.IsNullOrWhiteSpace(r.Reference))
        {
            errors.Add("reference", "Chuyển khoản cần số chứng từ hoặc số lệnh chuyển tiền.");
        }
        if (r.Reference?.Length > 100)
        {
            errors.Add("reference", "Số chứng từ dài quá 100 ký tự.");
        }
        errors.ThrowIfAny();
        var run = await LoadAsync(id, ct);
        if (run.Status != PayrollStatus.Approved)
        {
            throw new RuleViolationException("Bảng chi trả chưa được duyệt; chỉ chi trả theo bảng đã duyệt.");
        }
        if (r.Date < run.Month.AddMonths(-1))
        {
            throw new InputValidationException("date", $"Ngày chi trả {r.Date:dd/MM/yyyy} trước tháng {run.Month:MM/yyyy} của bảng chi trả quá xa.");
        }
        var lines = db.Set<PayrollLine>().Where(l => l.RunId == id && l.Kind != PayrollLineKind.Withheld && l.PaidOn == null);
        if (r.BeneficiaryIds is { Count: > 0 } only)
        {
            var known = await db.Set<PayrollLine>().Where(l => l.RunId == id && only.Contains(l.BeneficiaryId)).Select(l => l.BeneficiaryId).Distinct().CountAsync(ct);
            if (known != only.Distinct().Count())
            {
                throw new InputValidationException("beneficiaryIds", "Có người không thuộc bảng chi trả này.");
            }
            lines = lines.Where(l => only.Contains(l.BeneficiaryId));
        }
        await using var tx = await db.BeginWriteAsync(ct);
        var amount = await lines.SumAsync(l => l.Amount, ct);
        var date = r.Date!.Value;
        var reference = r.Reference?.Trim();
        var count = await lines.ExecuteUpdateAsync(s => s.SetProperty(l => l.PaidOn, date).SetProperty(l => l.PaymentMethod, method).SetProperty(l => l.PaymentReference, reference), ct);
        if (count == 0)
        {
            throw new RuleViolationException("Không còn khoản nào chưa chi trong lựa chọn này.");
        }
        db.Audit("payroll.pay", "payroll", id.ToString(), run.CommuneCode, after: new { method, date, reference, lines = count, amount, people = r.BeneficiaryIds });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PaymentResult(count, amount);
    }

    private async Task<PayrollRun> LoadAsync(Guid id, CancellationToken ct)
    {
        var run = await db.Set<PayrollRun>().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy bảng chi trả.");
        var scope = await scopes.CurrentAsync(ct);
        if (!CanRead(db.Actor.Role) || !scope.Allows(run.CommuneUnitId, run.ProvinceCode))
        {
            await db.AuditDeniedAsync("payroll", id.ToString(), run.CommuneCode, ct);
            throw new NotFoundException("Không tìm thấy bảng chi trả.");
        }
        return run;
    }

    public async Task<PayrollRunView> GetAsync(Guid id, CancellationToken ct = default)
    {
        var run = await LoadAsync(id, ct);
        var paid = db.Set<PayrollLine>().Where(l => l.RunId == id && l.PaidOn != null);
        return View(run, await paid.SumAsync(l => l.Amount, ct), await paid.CountAsync(ct));
    }

    private static PayrollRunView View(PayrollRun r, long paidAmount, int paidLines) => new(r.Id, r.CommuneCode, r.CommuneName, r.ProvinceCode, r.Month.ToString("yyyy-MM"),
        r.Status == PayrollStatus.Approved ? "approved" : "draft", r.People, r.Total, r.Arrears, r.Recoveries, r.Withheld, r.ComputedAt, r.ComputedBy, r.ApprovedAt, r.ApprovedBy,
        paidAmount, paidLines);

    public async Task<List<PayrollRunView>> ListAsync(string? communeCode, string? month, CancellationToken ct = default)
    {
        if (!CanRead(db.Actor.Role))
        {
            return [];
        }
        var scope = await scopes.CurrentAsync(ct);
        var q = db.Set<PayrollRun>().AsNoTracking();
        q = scope.Kind switch
        {
            ScopeKind.Nation => q,
            ScopeKind.Province => q.Where(r => r.ProvinceCode == scope.ProvinceCode),
            ScopeKind.Commune => q.Where(r => scope.CommuneIds.Contains(r.CommuneUnitId)),
            _ => q.Where(r => false),
        };
        if (!string.IsNullOrWhiteSpace(communeCode))
        {
            var code = communeCode.Trim();
            q = q.Where(r => r.CommuneCode == code);
        }
        if (!string.IsNullOrWhiteSpace(month))
        {
            var m = PayrollRules.ParseMonth(month) ?? throw new InputValidationException("month", "Tháng phải có dạng YYYY-MM.");
            q = q.Where(r => r.Month == m);
        }
        var runs = await q.OrderByDescending(r => r.Month).ThenBy(r => r.CommuneCode).Take(500).ToListAsync(ct);
        return runs.Select(r => View(r, 0, 0)).ToList();
    }

    /// <summary>The lines of a payroll with each person's name, the HIV clauses of their bases masked for who may not read HIV; every read is audited.</summary>
    public async Task<(PayrollRunView Run, List<PayrollLineView> Lines)> LinesAsync(Guid id, CancellationToken ct = default)
    {
        var run = await GetAsync(id, ct);
        var rows = await (from l in db.Set<PayrollLine>().AsNoTracking()
                          join b in db.Set<Beneficiary>().AsNoTracking() on l.BeneficiaryId equals b.Id
                          where l.RunId == id
                          orderby b.FullName, l.BeneficiaryId, l.Kind, l.ForMonth
                          select new { l, b.FullName, b.NationalId }).ToListAsync(ct);
        db.Audit("payroll.read", "payroll", id.ToString(), run.CommuneCode, after: new { lines = rows.Count });
        await db.SaveChangesAsync(ct);
        return (run, rows.Select(x => new PayrollLineView(x.l.Id, x.l.BeneficiaryId, x.FullName, x.NationalId, BenefitParameters.SchemeCode(x.l.Scheme), KindCode(x.l.Kind),
            x.l.ForMonth.ToString("yyyy-MM"), x.l.Amount, SensitiveClauses.TextAsSeenBy(x.l.Basis, db.Actor.Role)!, x.l.PaidOn, x.l.PaymentMethod, x.l.PaymentReference)).ToList());
    }

    /// <summary>The month's increases and decreases against the commune's previous month (danh sách tăng, giảm).</summary>
    public async Task<PayrollChanges> ChangesAsync(Guid id, CancellationToken ct = default)
    {
        var run = await LoadAsync(id, ct);
        var previousMonth = run.Month.AddMonths(-1);
        var unitId = run.CommuneUnitId;
        var previous = await db.Set<PayrollRun>().AsNoTracking().FirstOrDefaultAsync(r => r.CommuneUnitId == unitId && r.Month == previousMonth, ct);
        async Task<Dictionary<(Guid, Scheme), (string Name, long Amount)>> Regular(Guid runId) =>
            (await (from l in db.Set<PayrollLine>().AsNoTracking()
                    join b in db.Set<Beneficiary>().AsNoTracking() on l.BeneficiaryId equals b.Id
                    where l.RunId == runId && l.Kind == PayrollLineKind.Regular
                    select new { l.BeneficiaryId, l.Scheme, b.FullName, l.Amount }).ToListAsync(ct))
            .ToDictionary(x => (x.BeneficiaryId, x.Scheme), x => (x.FullName, x.Amount));
        var now = await Regular(id);
        var before = previous is null ? [] : await Regular(previous.Id);
        var increases = new List<PayrollChange>();
        var decreases = new List<PayrollChange>();
        foreach (var ((bid, scheme), (name, amount)) in now)
        {
            if (!before.TryGetValue((bid, scheme), out var old))
            {
                increases.Add(new PayrollChange(bid, name, BenefitParameters.SchemeCode(scheme), 0, amount, "Mới hưởng"));
            }
            else if (amount > old.Amount)
            {
                increases.Add(new PayrollChange(bid, name, BenefitParameters.SchemeCode(scheme), old.Amount, amount, "Tăng mức hưởng"));
            }
            else if (amount < old.Amount)
            {
                decreases.Add(new PayrollChange(bid, name, BenefitParameters.SchemeCode(scheme), old.Amount, amount, "Giảm mức hưởng"));
            }
        }
        if (before.Count > 0)
        {
            var gone = before.Keys.Where(k => !now.ContainsKey(k)).Select(k => k.Item1).Distinct().ToList();
            var ended = await db.Set<Beneficiary>().AsNoTracking().Where(b => gone.Contains(b.Id) && b.EndedOn != null)
                .Select(b => new { b.Id, b.EndReason }).ToDictionaryAsync(b => b.Id, b => b.EndReason, ct);
            foreach (var ((bid, scheme), (name, amount)) in before.Where(x => !now.ContainsKey(x.Key)))
            {
                var reason = ended.GetValueOrDefault(bid) switch
                {
                    { } r when r.StartsWith("death", StringComparison.Ordinal) => "Thôi hưởng: qua đời",
                    { } r when r.StartsWith("moved", StringComparison.Ordinal) => "Thôi hưởng: chuyển đi",
                    { } r when r.StartsWith("ineligible", StringComparison.Ordinal) => "Thôi hưởng: không còn đủ điều kiện",
                    _ => "Không có trong tháng này",
                };
                decreases.Add(new PayrollChange(bid, name, BenefitParameters.SchemeCode(scheme), amount, 0, reason));
            }
        }
        db.Audit("payroll.changes_read", "payroll", id.ToString(), run.CommuneCode);
        await db.SaveChangesAsync(ct);
        return new PayrollChanges(run.Month.ToString("yyyy-MM"), previousMonth.ToString("yyyy-MM"),
            increases.OrderBy(x => x.FullName).ToList(), decreases.OrderBy(x => x.FullName).ToList());
    }
}
