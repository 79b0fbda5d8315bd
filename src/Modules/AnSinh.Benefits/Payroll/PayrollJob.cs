using System.Text.Json;
using AnSinh.Benefits.Parameters;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;

namespace AnSinh.Benefits.Payroll;

/// <summary>
/// The month's payroll of every commune of a province, in the background with progress. Each
/// commune is its own transaction and approved communes are left alone, so a job stopped half-way
/// is run again and finishes the rest.
/// </summary>
public sealed class PayrollJob(AnSinhDbContext db, ScopeResolver scopes, BenefitParameters parameters, IPayrollLineWriter writer) : IJobHandler
{
    public const string JobKind = "benefits.payroll";

    public string Kind => JobKind;

    public sealed record Payload(string ProvinceCode, string Month);

    public sealed record Result(int Communes, int Computed, int Frozen, long People, long Total, long Adjustments, long Withheld);

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(job.Payload ?? "{}") ?? throw new InputValidationException("payload", "Thiếu tỉnh và tháng.");
        var result = await RunAsync(payload, progress, ct);
        return JsonSerializer.Serialize(result);
    }

    /// <summary>Who may compute a province's month, and which month: checked when the job is asked for and again when it runs.</summary>
    public static async Task<DateOnly> CheckAsync(AnSinhDbContext db, ScopeResolver scopes, string? provinceCode, string? month, CancellationToken ct)
    {
        if (!Payrolls.CanCompute(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ cán bộ (hoặc quản trị hệ thống) được lập bảng chi trả.");
        }
        if (string.IsNullOrWhiteSpace(provinceCode))
        {
            throw new InputValidationException("provinceCode", "Cần mã tỉnh.");
        }
        var valid = Payrolls.ValidMonth(month, db.Today());
        var scope = await scopes.CurrentAsync(ct);
        if (scope.Kind is not (ScopeKind.Nation or ScopeKind.Province) || (scope.Kind == ScopeKind.Province && scope.ProvinceCode != provinceCode.Trim()))
        {
            throw new RuleViolationException("Lập bảng chi trả cả tỉnh cần phạm vi của tỉnh đó.");
        }
        return valid;
    }

    public async Task<Result> RunAsync(Payload payload, IJobProgress? progress, CancellationToken ct)
    {
        var month = await CheckAsync(db, scopes, payload.ProvinceCode, payload.Month, ct);
        var pricer = new PayrollPricer(await parameters.LoadAsync(ct));
        var outcomes = await Payrolls.ComputeProvinceAsync(db, writer, payload.ProvinceCode, month, pricer, progress, ct);
        return new Result(outcomes.Count, outcomes.Count(o => !o.Frozen), outcomes.Count(o => o.Frozen), outcomes.Where(o => !o.Frozen).Sum(o => (long)o.People),
            outcomes.Where(o => !o.Frozen).Sum(o => o.Total), outcomes.Sum(o => (long)o.Adjustments), outcomes.Where(o => !o.Frozen).Sum(o => (long)o.Withheld));
    }
}
