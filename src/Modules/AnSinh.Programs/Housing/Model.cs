using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Programs.Housing;

public enum HousingStage
{
    Listed = 1,
    Approved = 2,
    Started = 3,
    Completed = 4,
    HandedOver = 5,
}

/// <summary>A house built or repaired for a household of the register under a programme (great-unity, gratitude, temporary-house elimination).</summary>
public sealed class HousingWork
{
    public Guid Id { get; set; }
    public Guid HouseholdId { get; set; }
    public required string HouseholdCode { get; set; }
    public required string HeadName { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }

    /// <summary>great_unity, gratitude or temporary_house.</summary>
    public required string Programme { get; set; }

    /// <summary>new_build or repair.</summary>
    public required string WorkKind { get; set; }
    public HousingStage Stage { get; set; }
    public DateOnly ListedOn { get; set; }
    public DateOnly? ApprovedOn { get; set; }
    public DateOnly? StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public DateOnly? HandedOverOn { get; set; }
    public long EstimatedCost { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime ChangedAt { get; set; }
}

/// <summary>One source that pays for a house: a fund's spending entry, the state budget, a preferential loan, the community, labour days.</summary>
public sealed class HousingFunding
{
    public long Id { get; set; }
    public Guid WorkId { get; set; }

    /// <summary>fund, state_budget, loan, community or labour_days.</summary>
    public required string Source { get; set; }
    public long Amount { get; set; }
    public int LabourDays { get; set; }

    /// <summary>The fund's spending entry (new house / house repair) that paid this part.</summary>
    public long? FundEntryId { get; set; }
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>A supervision visit of the Front or the people's inspectors, with its findings.</summary>
public sealed class SupervisionVisit
{
    public long Id { get; set; }
    public Guid WorkId { get; set; }
    public DateOnly Date { get; set; }
    public required string VisitedBy { get; set; }
    public required string Findings { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

internal sealed class HousingWorkConfiguration : IEntityTypeConfiguration<HousingWork>
{
    public void Configure(EntityTypeBuilder<HousingWork> b)
    {
        b.ToTable("program_housing_works");
        b.Property(x => x.HouseholdCode).HasMaxLength(40);
        b.Property(x => x.HeadName).HasMaxLength(200);
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.Programme).HasMaxLength(30);
        b.Property(x => x.WorkKind).HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.CommuneUnitId, x.Stage });
        b.HasIndex(x => x.HouseholdId);
    }
}

internal sealed class HousingFundingConfiguration : IEntityTypeConfiguration<HousingFunding>
{
    public void Configure(EntityTypeBuilder<HousingFunding> b)
    {
        b.ToTable("program_housing_funding");
        b.Property(x => x.Source).HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => x.WorkId);
        b.HasIndex(x => x.FundEntryId);
    }
}

internal sealed class SupervisionVisitConfiguration : IEntityTypeConfiguration<SupervisionVisit>
{
    public void Configure(EntityTypeBuilder<SupervisionVisit> b)
    {
        b.ToTable("program_supervision_visits");
        b.Property(x => x.VisitedBy).HasMaxLength(200);
        b.Property(x => x.Findings).HasMaxLength(2000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => x.WorkId);
    }
}
