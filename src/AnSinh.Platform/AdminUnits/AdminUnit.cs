using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Platform.AdminUnits;

public enum AdminLevel
{
    Province = 1,
    District = 2,
    Commune = 3,
}

/// <summary>
/// An administrative unit of one map. A code alone does not say which map it belongs to
/// (a code kept by a surviving unit in 2025 names a larger area afterwards): the dates do.
/// </summary>
public sealed class AdminUnit
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string FullName { get; set; }
    public required string UnitType { get; set; }
    public AdminLevel Level { get; set; }
    public int? ParentId { get; set; }
    public string? ParentCode { get; set; }

    /// <summary>The province of this unit in its own map.</summary>
    public required string ProvinceCode { get; set; }

    /// <summary>The province of today's map that holds this unit's area (for place scopes).</summary>
    public required string CurrentProvinceCode { get; set; }

    /// <summary>Null: in force before the records begin.</summary>
    public DateOnly? ValidFrom { get; set; }

    /// <summary>Null: still in force.</summary>
    public DateOnly? ValidTo { get; set; }

    public required string SearchName { get; set; }

    /// <summary>Phường and thị trấn are urban; xã and đặc khu rural (RULES.md §1).</summary>
    public bool IsUrban { get; set; }

    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || ValidTo >= date);
}

public enum SuccessionKind
{
    Full = 1,
    Partial = 2,
}

/// <summary>Old unit → new unit on 1 July 2025 (resolutions 1654–1687/NQ-UBTVQH15).</summary>
public sealed class AdminUnitLink
{
    public int Id { get; set; }
    public int OldUnitId { get; set; }
    public int NewUnitId { get; set; }
    public required string OldCode { get; set; }
    public required string NewCode { get; set; }
    public AdminLevel Level { get; set; }
    public SuccessionKind Kind { get; set; }
}

/// <summary>A village (thôn, bản, ấp, tổ dân phố) kept by the commune's officers.</summary>
public sealed class Village
{
    public int Id { get; set; }
    public int CommuneUnitId { get; set; }
    public required string Name { get; set; }
    public required string SearchName { get; set; }
}

internal sealed class AdminUnitConfiguration : IEntityTypeConfiguration<AdminUnit>
{
    public void Configure(EntityTypeBuilder<AdminUnit> b)
    {
        b.ToTable("admin_units");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(10);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.UnitType).HasMaxLength(50);
        b.Property(x => x.ParentCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.CurrentProvinceCode).HasMaxLength(10);
        b.Property(x => x.SearchName).HasMaxLength(200);
        b.HasIndex(x => new { x.Code, x.ValidFrom }).IsUnique();
        b.HasIndex(x => new { x.Level, x.ParentId });
        b.HasIndex(x => x.SearchName);
        b.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AdminUnitLinkConfiguration : IEntityTypeConfiguration<AdminUnitLink>
{
    public void Configure(EntityTypeBuilder<AdminUnitLink> b)
    {
        b.ToTable("admin_unit_links");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.OldCode).HasMaxLength(10);
        b.Property(x => x.NewCode).HasMaxLength(10);
        b.HasIndex(x => x.OldUnitId);
        b.HasIndex(x => x.NewUnitId);
        b.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.OldUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.NewUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> b)
    {
        b.ToTable("villages");
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.SearchName).HasMaxLength(200);
        b.HasIndex(x => new { x.CommuneUnitId, x.Name }).IsUnique();
        b.HasOne<AdminUnit>().WithMany().HasForeignKey(x => x.CommuneUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
