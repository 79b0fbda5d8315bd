using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Programs.Indicators;

public enum ReportPeriod
{
    /// <summary>The first six months: 1 January – 30 June.</summary>
    HalfYear = 1,

    /// <summary>The whole year: 1 January – 31 December.</summary>
    Year = 2,
}

/// <summary>
/// The value of one indicator for one unit holding records (a commune; a province or district for
/// what is kept there, such as a provincial fund) and one period: the summaries reports, targets
/// and the public portal read, kept current by <see cref="IndicatorSummaries"/>.
/// </summary>
public sealed class IndicatorSummary
{
    public int UnitId { get; set; }
    public int Year { get; set; }
    public ReportPeriod Period { get; set; }
    public required string Indicator { get; set; }
    public decimal Value { get; set; }
}

/// <summary>When the summaries of a province's year were last worked out, and whether a change since asks for it again.</summary>
public sealed class SummaryRefresh
{
    public required string ProvinceCode { get; set; }
    public int Year { get; set; }
    public DateTime? RefreshedAt { get; set; }
    public bool Dirty { get; set; }
    public double Seconds { get; set; }
}

/// <summary>The last audit event the summaries have taken into account.</summary>
public sealed class SummaryWatermark
{
    public int Id { get; set; }
    public long AuditId { get; set; }
}

internal sealed class IndicatorSummaryConfiguration : IEntityTypeConfiguration<IndicatorSummary>
{
    public void Configure(EntityTypeBuilder<IndicatorSummary> b)
    {
        b.ToTable("program_indicator_summaries");
        b.HasKey(x => new { x.Year, x.Period, x.UnitId, x.Indicator });
        b.Property(x => x.Indicator).HasMaxLength(40);
        b.Property(x => x.Value).HasPrecision(20, 2);
    }
}

internal sealed class SummaryRefreshConfiguration : IEntityTypeConfiguration<SummaryRefresh>
{
    public void Configure(EntityTypeBuilder<SummaryRefresh> b)
    {
        b.ToTable("program_summary_refreshes");
        b.HasKey(x => new { x.ProvinceCode, x.Year });
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
    }
}

internal sealed class SummaryWatermarkConfiguration : IEntityTypeConfiguration<SummaryWatermark>
{
    public void Configure(EntityTypeBuilder<SummaryWatermark> b)
    {
        b.ToTable("program_summary_watermark");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
