using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Benefits.Relief;

/// <summary>A figure of emergency relief (Decree 20/2021, Chapter III), dated data with its legal text: kilograms of rice, months, multiples of the base level, đồng.</summary>
public sealed class ReliefRate
{
    public int Id { get; set; }

    /// <summary>rice_kg_per_person_month, rice_months_tet_hunger, rice_months_disaster_max, injured_base_multiple, death_base_multiple, house_collapsed, house_relocation, house_heavily_damaged.</summary>
    public required string Code { get; set; }
    public decimal Value { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public required string Source { get; set; }
}

public enum ReliefStatus
{
    Proposed = 1,
    Decided = 2,
}

/// <summary>An event that calls for emergency relief (a storm, a flood, a fire, Tết hunger) over an area of communes.</summary>
public sealed class ReliefEvent
{
    public Guid Id { get; set; }
    public required string ProvinceCode { get; set; }

    /// <summary>storm, flood, landslide, fire, drought, tet_hunger or other.</summary>
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public DateOnly OccurredOn { get; set; }

    /// <summary>The communes of today's map hit by the event, comma-separated codes.</summary>
    public required string AreaCodes { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>One affected household of the register: what the rules give it, proposed, then decided by the chairperson.</summary>
public sealed class ReliefCase
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid HouseholdId { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string HeadName { get; set; }
    public int People { get; set; }
    public int RiceMonths { get; set; }
    public decimal RiceKg { get; set; }
    public int Injured { get; set; }
    public int Deaths { get; set; }
    public required string HouseDamage { get; set; }
    public long Cash { get; set; }
    public required string Explanation { get; set; }
    public ReliefStatus Status { get; set; }
    public DateTime ProposedAt { get; set; }
    public required string ProposedBy { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecisionNumber { get; set; }
    public string? DecidedBy { get; set; }
}

/// <summary>
/// The cash of a decided case paid from a fund: the spending entry of the fund's books (category
/// relief) that paid it. Written in the same transaction as the entry; a payment whose entry was
/// later reversed no longer counts, and the case can be paid again.
/// </summary>
public sealed class ReliefPayment
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid EventId { get; set; }
    public Guid FundId { get; set; }
    public long FundEntryId { get; set; }
    public AnSinh.Funds.Ledger.JournalEntry? FundEntry { get; set; }
    public required string CommuneCode { get; set; }
    public long Amount { get; set; }
    public DateOnly PaidOn { get; set; }
    public required string PaidBy { get; set; }
}

internal sealed class ReliefPaymentConfiguration : IEntityTypeConfiguration<ReliefPayment>
{
    public void Configure(EntityTypeBuilder<ReliefPayment> b)
    {
        b.ToTable("benefit_relief_payments");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.PaidBy).HasMaxLength(256);
        b.HasOne(x => x.FundEntry).WithMany().HasForeignKey(x => x.FundEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.EventId);
    }
}

internal sealed class ReliefRateConfiguration : IEntityTypeConfiguration<ReliefRate>
{
    public void Configure(EntityTypeBuilder<ReliefRate> b)
    {
        b.ToTable("benefit_relief_rates");
        b.Property(x => x.Code).HasMaxLength(40);
        b.Property(x => x.Value).HasPrecision(14, 2);
        b.Property(x => x.Source).HasMaxLength(300);
        b.HasIndex(x => new { x.Code, x.ValidFrom }).IsUnique();
    }
}

internal sealed class ReliefEventConfiguration : IEntityTypeConfiguration<ReliefEvent>
{
    public void Configure(EntityTypeBuilder<ReliefEvent> b)
    {
        b.ToTable("benefit_relief_events");
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.AreaCodes).HasMaxLength(2000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.ProvinceCode, x.OccurredOn });
    }
}

internal sealed class ReliefCaseConfiguration : IEntityTypeConfiguration<ReliefCase>
{
    public void Configure(EntityTypeBuilder<ReliefCase> b)
    {
        b.ToTable("benefit_relief_cases");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.HeadName).HasMaxLength(200);
        b.Property(x => x.RiceKg).HasPrecision(10, 2);
        b.Property(x => x.HouseDamage).HasMaxLength(20);
        b.Property(x => x.Explanation).HasMaxLength(1000);
        b.Property(x => x.ProposedBy).HasMaxLength(256);
        b.Property(x => x.DecisionNumber).HasMaxLength(60);
        b.Property(x => x.DecidedBy).HasMaxLength(256);
        // One case per household and event.
        b.HasIndex(x => new { x.EventId, x.HouseholdId }).IsUnique();
        b.HasIndex(x => new { x.CommuneUnitId, x.ProposedAt });
    }
}
