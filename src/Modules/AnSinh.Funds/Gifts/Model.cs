using AnSinh.Funds.Ledger;
using AnSinh.Platform.AdminUnits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Funds.Gifts;

/// <summary>The occasions gifts are mobilised for: Tết, 27/7 (War Invalids and Martyrs Day), the elderly's longevity celebrations, other.</summary>
public enum GiftOccasion
{
    Tet = 1,
    WarInvalidsDay = 2,
    Longevity = 3,
    Other = 4,
}

/// <summary>Why a household is on the gift list.</summary>
public enum GiftGroup
{
    Poor = 1,
    NearPoor = 2,
    Policy = 3,
    Elderly = 4,
    Other = 5,
}

/// <summary>
/// A gift campaign of a unit: gifts mobilised (number and value, cash or goods), allocated to the
/// units below, handed to households of the register, one per household.
/// </summary>
public sealed class GiftCampaign
{
    public Guid Id { get; set; }
    public int UnitId { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitName { get; set; }
    public AdminLevel UnitLevel { get; set; }
    public required string CurrentProvinceCode { get; set; }
    public GiftOccasion Occasion { get; set; }
    public required string Name { get; set; }
    public int Year { get; set; }

    /// <summary>The value of one gift in đồng (goods at their value).</summary>
    public long GiftValue { get; set; }
    public Channel Form { get; set; }
    public string? GoodsName { get; set; }
    public int GiftsMobilised { get; set; }

    /// <summary>The fund that pays the gifts: settling the handouts posts one spending there.</summary>
    public Guid? FundId { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    public long ValueMobilised => GiftValue * GiftsMobilised;
}

/// <summary>Gifts a campaign hands down to a commune (or a lower unit) to give out.</summary>
public sealed class GiftAllocation
{
    public long Id { get; set; }
    public Guid CampaignId { get; set; }
    public int UnitId { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitName { get; set; }
    public int Gifts { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>One gift handed to one household of the register; at most one per household per campaign.</summary>
public sealed class GiftHandout
{
    public long Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid HouseholdId { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string HeadName { get; set; }
    public string? VillageName { get; set; }
    public GiftGroup Group { get; set; }
    public long Value { get; set; }
    public DateOnly HandedOn { get; set; }
    public string? ReceivedBy { get; set; }

    /// <summary>The fund spending that paid for the gift, once settled.</summary>
    public long? SettledEntryId { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

internal sealed class GiftCampaignConfiguration : IEntityTypeConfiguration<GiftCampaign>
{
    public void Configure(EntityTypeBuilder<GiftCampaign> b)
    {
        b.ToTable("gift_campaigns");
        b.Property(x => x.UnitCode).HasMaxLength(10);
        b.Property(x => x.UnitName).HasMaxLength(200);
        b.Property(x => x.CurrentProvinceCode).HasMaxLength(10);
        b.Property(x => x.Name).HasMaxLength(300);
        b.Property(x => x.GoodsName).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Ignore(x => x.ValueMobilised);
        b.HasIndex(x => new { x.CurrentProvinceCode, x.Year });
        b.HasIndex(x => x.UnitId);
        b.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Fund>().WithMany().HasForeignKey(x => x.FundId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GiftAllocationConfiguration : IEntityTypeConfiguration<GiftAllocation>
{
    public void Configure(EntityTypeBuilder<GiftAllocation> b)
    {
        b.ToTable("gift_allocations");
        b.Property(x => x.UnitCode).HasMaxLength(10);
        b.Property(x => x.UnitName).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.CampaignId, x.UnitId });
        b.HasOne<GiftCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GiftHandoutConfiguration : IEntityTypeConfiguration<GiftHandout>
{
    public void Configure(EntityTypeBuilder<GiftHandout> b)
    {
        b.ToTable("gift_handouts");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.HeadName).HasMaxLength(200);
        b.Property(x => x.VillageName).HasMaxLength(200);
        b.Property(x => x.ReceivedBy).HasMaxLength(200);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        // At most one gift per household per campaign, enforced by the database too.
        b.HasIndex(x => new { x.CampaignId, x.HouseholdId }).IsUnique();
        b.HasIndex(x => new { x.CampaignId, x.CommuneUnitId });
        b.HasOne<GiftCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}
