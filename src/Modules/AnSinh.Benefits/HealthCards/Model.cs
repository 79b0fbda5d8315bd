using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Benefits.HealthCards;

/// <summary>
/// A group of state-supported health-insurance cards (RULES.md §4; Law on Health Insurance,
/// Articles 12 and 22): who qualifies is a rule in code (<see cref="CardRules"/>), every figure is
/// dated data — the benefit level, the state's share of the premium, the premium rate, an age
/// limit, the card code — with its legal text. A person in several groups gets one card, under the
/// group of the best benefit (the lowest <see cref="Rank"/>).
/// </summary>
public sealed class CardGroup
{
    public int Id { get; set; }

    /// <summary>merit_person, child_under_6, social_allowance, poor_household, martyr_relative or near_poor.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>The two letters that open the card number (mã đối tượng: CC, TE, BT, HN, TQ, CN).</summary>
    public required string CardPrefix { get; set; }

    /// <summary>The benefit-level digit printed after the letters (1 = 100 % without ceiling … 4 = 80 %).</summary>
    public int BenefitCode { get; set; }

    /// <summary>The share of treatment costs the fund pays, in percent.</summary>
    public int BenefitPercent { get; set; }

    /// <summary>The share of the premium the state budget pays, in percent.</summary>
    public int StatePercent { get; set; }

    /// <summary>The premium per month as a share of the base salary (0.045 = 4.5 %).</summary>
    public decimal PremiumRate { get; set; }

    /// <summary>For an age-bounded group (children under 6): the age at which the group ends.</summary>
    public int? MaxAgeYears { get; set; }

    /// <summary>1 = the best benefit; a person in several groups gets the card of the lowest rank.</summary>
    public int Rank { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public required string Source { get; set; }
    public bool Provisional { get; set; }
}

/// <summary>One issuance of cards for a commune (đợt cấp thẻ): the list sent to the insurance agency, with its validity and what the state budget pays.</summary>
public sealed class CardBatch
{
    public Guid Id { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string CommuneName { get; set; }
    public required string ProvinceCode { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    public int Cards { get; set; }

    /// <summary>The premiums the state budget pays for the whole batch, in đồng.</summary>
    public long StateCost { get; set; }
    public DateTime IssuedAt { get; set; }
    public required string IssuedBy { get; set; }
}

/// <summary>A health-insurance card: one person, one group, a number and a validity.</summary>
public sealed class HealthCard
{
    public long Id { get; set; }
    public Guid BatchId { get; set; }
    public Guid PersonId { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }
    public required string FullName { get; set; }
    public required string NationalId { get; set; }
    public required string GroupCode { get; set; }
    public required string CardNumber { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }
    public long MonthlyPremium { get; set; }
    public int StatePercent { get; set; }
    public long StateCost { get; set; }
    public DateTime IssuedAt { get; set; }
}

internal sealed class CardGroupConfiguration : IEntityTypeConfiguration<CardGroup>
{
    public void Configure(EntityTypeBuilder<CardGroup> b)
    {
        b.ToTable("benefit_card_groups");
        b.Property(x => x.Code).HasMaxLength(30);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.CardPrefix).HasMaxLength(2);
        b.Property(x => x.PremiumRate).HasPrecision(6, 4);
        b.Property(x => x.Source).HasMaxLength(300);
        b.HasIndex(x => new { x.Code, x.ValidFrom }).IsUnique();
    }
}

internal sealed class CardBatchConfiguration : IEntityTypeConfiguration<CardBatch>
{
    public void Configure(EntityTypeBuilder<CardBatch> b)
    {
        b.ToTable("benefit_card_batches");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.CommuneName).HasMaxLength(200);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.IssuedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.CommuneUnitId, x.IssuedAt });
        b.HasIndex(x => new { x.ProvinceCode, x.IssuedAt });
    }
}

internal sealed class HealthCardConfiguration : IEntityTypeConfiguration<HealthCard>
{
    public void Configure(EntityTypeBuilder<HealthCard> b)
    {
        b.ToTable("benefit_health_cards");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.NationalId).HasMaxLength(12);
        b.Property(x => x.GroupCode).HasMaxLength(30);
        b.Property(x => x.CardNumber).HasMaxLength(20);
        // A card number is issued once per validity start; a renewal keeps the number with a new period.
        b.HasIndex(x => new { x.CardNumber, x.ValidFrom }).IsUnique();
        b.HasIndex(x => new { x.PersonId, x.ValidTo });
        b.HasIndex(x => new { x.CommuneUnitId, x.ValidTo });
        b.HasIndex(x => new { x.ProvinceCode, x.IssuedAt });
        b.HasIndex(x => x.BatchId);
    }
}
