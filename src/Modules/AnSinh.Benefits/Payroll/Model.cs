using AnSinh.Benefits.Parameters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Benefits.Payroll;

public enum PayrollStatus
{
    /// <summary>Computed; may be computed again.</summary>
    Draft = 1,

    /// <summary>Approved by the approver: frozen, paid from, never computed again.</summary>
    Approved = 2,
}

public enum PayrollLineKind
{
    /// <summary>The amount for the payroll's own month.</summary>
    Regular = 1,

    /// <summary>Truy lĩnh: an earlier, already paid month owed more (a base level published late, a back-dated decision).</summary>
    Arrears = 2,

    /// <summary>Truy thu: an earlier, already paid month owed less (a death or a loss of eligibility reported late).</summary>
    Recovery = 3,

    /// <summary>Not paid this month, with the reason (paid under another commune, a higher benefit paid instead, cannot be priced).</summary>
    Withheld = 4,
}

/// <summary>The monthly payroll of one commune (bảng chi trả trợ cấp hằng tháng): computed, approved, then frozen.</summary>
public sealed class PayrollRun
{
    public Guid Id { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string CommuneName { get; set; }
    public required string ProvinceCode { get; set; }

    /// <summary>The first day of the month paid.</summary>
    public DateOnly Month { get; set; }
    public PayrollStatus Status { get; set; }
    public int People { get; set; }
    public long Total { get; set; }
    public long Arrears { get; set; }
    public long Recoveries { get; set; }
    public int Withheld { get; set; }

    /// <summary>A fingerprint of the parameters the run was priced with; a later change of them makes the next run re-check the paid months.</summary>
    public required string ParametersHash { get; set; }
    public DateTime ComputedAt { get; set; }
    public required string ComputedBy { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovedBy { get; set; }
}

/// <summary>One amount of a payroll: a person's month, or an arrears or recovery for an earlier month, or a withheld entitlement.</summary>
public sealed class PayrollLine
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public Guid BeneficiaryId { get; set; }
    public required string ProvinceCode { get; set; }

    /// <summary>The national ID, or "P:" and the register's person id where the person has none: no key is paid twice for a month in a province.</summary>
    public required string PayKey { get; set; }
    public Scheme Scheme { get; set; }
    public PayrollLineKind Kind { get; set; }

    /// <summary>The month the amount is for (the payroll's month for regular lines; an earlier one for arrears and recoveries).</summary>
    public DateOnly ForMonth { get; set; }
    public long Amount { get; set; }
    public required string Basis { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? PaymentMethod { get; set; }
    public string? PaymentReference { get; set; }
}

internal sealed class PayrollRunConfiguration : IEntityTypeConfiguration<PayrollRun>
{
    public void Configure(EntityTypeBuilder<PayrollRun> b)
    {
        b.ToTable("benefit_payroll_runs");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.CommuneName).HasMaxLength(200);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.ParametersHash).HasMaxLength(64);
        b.Property(x => x.ComputedBy).HasMaxLength(256);
        b.Property(x => x.ApprovedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.CommuneUnitId, x.Month }).IsUnique();
        b.HasIndex(x => new { x.ProvinceCode, x.Month });
    }
}

internal sealed class PayrollLineConfiguration : IEntityTypeConfiguration<PayrollLine>
{
    public void Configure(EntityTypeBuilder<PayrollLine> b)
    {
        b.ToTable("benefit_payroll_lines");
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.PayKey).HasMaxLength(40);
        b.Property(x => x.Basis).HasMaxLength(200);
        b.Property(x => x.PaymentMethod).HasMaxLength(10);
        b.Property(x => x.PaymentReference).HasMaxLength(100);
        // Every read of lines is by payroll (a commune's month, a few thousand lines); a second GUID
        // in the key only made each of a province's hundreds of thousands of writes slower.
        b.HasIndex(x => x.RunId);

        // The same person is never paid twice for one month in a province, whichever commune's payroll holds them.
        b.HasIndex(x => new { x.ProvinceCode, x.ForMonth, x.Scheme, x.PayKey }).IsUnique().HasFilter("\"Kind\" = 1").HasDatabaseName("ux_payroll_once_per_month");
    }
}

/// <summary>Writes a payroll's new lines in the current transaction by the engine's fastest path.</summary>
public interface IPayrollLineWriter
{
    Task WriteAsync(IReadOnlyList<PayrollLine> lines, CancellationToken ct);
}
