using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Benefits.PresidentGifts;

/// <summary>
/// The amount of the President's gift for a row of the gift decision (RULES.md §3), dated data with
/// its legal text: 600,000 for the highest groups, 300,000 for the others.
/// </summary>
public sealed class GiftLevel
{
    public int Id { get; set; }

    /// <summary>revolutionary, heroic_mother, hero, injury_81_or_more, martyr_relatives_2_or_more, injury_80_or_less or martyr_representative.</summary>
    public required string Row { get; set; }
    public required string Name { get; set; }
    public long Amount { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public required string Source { get; set; }
    public bool Provisional { get; set; }
}

/// <summary>A commune's list of the President's gifts for an occasion (Tết or 27/7) of a year.</summary>
public sealed class PresidentGiftList
{
    public Guid Id { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string CommuneName { get; set; }
    public required string ProvinceCode { get; set; }

    /// <summary>"tet" or "july27".</summary>
    public required string Occasion { get; set; }
    public int Year { get; set; }

    /// <summary>The day the registers are read on (who is a merit person, with which figures).</summary>
    public DateOnly AsOf { get; set; }
    public int People { get; set; }
    public long Total { get; set; }
    public DateTime ComputedAt { get; set; }
    public required string ComputedBy { get; set; }
}

/// <summary>One person's gift on a list (or, with amount 0, a record not given a gift and why).</summary>
public sealed class PresidentGift
{
    public long Id { get; set; }
    public Guid ListId { get; set; }
    public Guid PersonId { get; set; }
    public Guid BeneficiaryId { get; set; }
    public required string FullName { get; set; }
    public required string Row { get; set; }
    public long Amount { get; set; }
    public required string Basis { get; set; }
    public DateOnly? DeliveredOn { get; set; }
    public string? DeliveredBy { get; set; }
}

internal sealed class GiftLevelConfiguration : IEntityTypeConfiguration<GiftLevel>
{
    public void Configure(EntityTypeBuilder<GiftLevel> b)
    {
        b.ToTable("benefit_gift_levels");
        b.Property(x => x.Row).HasMaxLength(40);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.Source).HasMaxLength(300);
        b.HasIndex(x => new { x.Row, x.ValidFrom }).IsUnique();
    }
}

internal sealed class PresidentGiftListConfiguration : IEntityTypeConfiguration<PresidentGiftList>
{
    public void Configure(EntityTypeBuilder<PresidentGiftList> b)
    {
        b.ToTable("benefit_president_gift_lists");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.CommuneName).HasMaxLength(200);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.Occasion).HasMaxLength(10);
        b.Property(x => x.ComputedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.CommuneUnitId, x.Occasion, x.Year }).IsUnique();
        b.HasIndex(x => new { x.ProvinceCode, x.Occasion, x.Year });
    }
}

internal sealed class PresidentGiftConfiguration : IEntityTypeConfiguration<PresidentGift>
{
    public void Configure(EntityTypeBuilder<PresidentGift> b)
    {
        b.ToTable("benefit_president_gifts");
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.Row).HasMaxLength(40);
        b.Property(x => x.Basis).HasMaxLength(400);
        b.Property(x => x.DeliveredBy).HasMaxLength(256);
        b.HasIndex(x => x.ListId);
        b.HasIndex(x => new { x.ListId, x.PersonId });
    }
}
