using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Benefits.Parameters;

/// <summary>The schemes whose monthly amounts are multiples of a dated base level.</summary>
public enum Scheme
{
    SocialAssistance = 1,
    Merit = 2,
    SocialPension = 3,
    BaseSalary = 4,
}

/// <summary>
/// A base level valid over a period (mức chuẩn trợ giúp xã hội, mức chuẩn trợ cấp ưu đãi, the
/// social pension, the base salary), national or a province's higher local level. Each row names
/// its legal text; a figure known only from a secondary source is provisional until an
/// administrator confirms it.
/// </summary>
public sealed class BaseLevel
{
    public int Id { get; set; }
    public Scheme Scheme { get; set; }

    /// <summary>Null for the national level; a province's code for its higher local level.</summary>
    public string? ProvinceCode { get; set; }
    public long Amount { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public required string Source { get; set; }
    public bool Provisional { get; set; }
    public string? ConfirmedBy { get; set; }
    public DateTime? ConfirmedAt { get; set; }
}

/// <summary>
/// A coefficient of social assistance (Decree 20/2021 Art. 6, as amended): for a clause of Article
/// 5, an age bracket in whole years [MinAge, MaxAge) and, for clause 5.6, a disability level.
/// </summary>
public sealed class AssistanceCoefficient
{
    public int Id { get; set; }
    public required string Clause { get; set; }
    public string? Disability { get; set; }
    public int MinAge { get; set; }
    public int? MaxAge { get; set; }
    public decimal Coefficient { get; set; }

    /// <summary>Paid once per child raised (clause 5.4).</summary>
    public bool PerChild { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public required string Source { get; set; }
}

/// <summary>
/// A row of a merit allowance table (Decree 77/2024 Appendices I–II…), keyed by decree and row:
/// a monthly allowance, a supplement, or both. A new decree brings new rows; old ones are never scaled.
/// </summary>
public sealed class MeritRate
{
    public int Id { get; set; }

    /// <summary>"war_invalid" (Appendix II, by injury percent) or "merit" (Appendix I, by group).</summary>
    public required string Table { get; set; }
    public required string Row { get; set; }
    public long? Allowance { get; set; }
    public long? Supplement { get; set; }

    /// <summary>Supplement paid per year of seniority (pre-1945 revolutionaries).</summary>
    public bool SupplementPerYear { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public required string Source { get; set; }
}

internal sealed class BaseLevelConfiguration : IEntityTypeConfiguration<BaseLevel>
{
    public void Configure(EntityTypeBuilder<BaseLevel> b)
    {
        b.ToTable("benefit_base_levels");
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.Source).HasMaxLength(300);
        b.Property(x => x.ConfirmedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.Scheme, x.ProvinceCode, x.ValidFrom }).IsUnique();
    }
}

internal sealed class AssistanceCoefficientConfiguration : IEntityTypeConfiguration<AssistanceCoefficient>
{
    public void Configure(EntityTypeBuilder<AssistanceCoefficient> b)
    {
        b.ToTable("benefit_assistance_coefficients");
        b.Property(x => x.Clause).HasMaxLength(30);
        b.Property(x => x.Disability).HasMaxLength(30);
        b.Property(x => x.Coefficient).HasPrecision(6, 2);
        b.Property(x => x.Source).HasMaxLength(300);
        b.HasIndex(x => new { x.Clause, x.ValidFrom });
    }
}

internal sealed class MeritRateConfiguration : IEntityTypeConfiguration<MeritRate>
{
    public void Configure(EntityTypeBuilder<MeritRate> b)
    {
        b.ToTable("benefit_merit_rates");
        b.Property(x => x.Table).HasMaxLength(30);
        b.Property(x => x.Row).HasMaxLength(80);
        b.Property(x => x.Source).HasMaxLength(300);
        b.HasIndex(x => new { x.Table, x.Row, x.ValidFrom }).IsUnique();
    }
}
