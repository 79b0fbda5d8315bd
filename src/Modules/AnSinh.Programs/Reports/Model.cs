using AnSinh.Programs.Indicators;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Programs.Reports;

/// <summary>An approved six-month or annual social-security report of a unit: its figures frozen, its period locked.</summary>
public sealed class ApprovedReport
{
    public Guid Id { get; set; }
    public int UnitId { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitName { get; set; }
    public required string ProvinceCode { get; set; }
    public int Year { get; set; }
    public ReportPeriod Period { get; set; }

    /// <summary>"then" or "today": the map the figures were counted under.</summary>
    public required string Map { get; set; }

    /// <summary>The report as approved (JSON of its rows), shown from then on instead of a new computation.</summary>
    public required string Content { get; set; }
    public string? DecisionNumber { get; set; }
    public DateTime ApprovedAt { get; set; }
    public required string ApprovedBy { get; set; }
}

internal sealed class ApprovedReportConfiguration : IEntityTypeConfiguration<ApprovedReport>
{
    public void Configure(EntityTypeBuilder<ApprovedReport> b)
    {
        b.ToTable("program_approved_reports");
        b.Property(x => x.UnitCode).HasMaxLength(10);
        b.Property(x => x.UnitName).HasMaxLength(200);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.Map).HasMaxLength(10);
        b.Property(x => x.DecisionNumber).HasMaxLength(60);
        b.Property(x => x.ApprovedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.UnitId, x.Year, x.Period }).IsUnique();
        b.HasIndex(x => new { x.ProvinceCode, x.Year });
    }
}
