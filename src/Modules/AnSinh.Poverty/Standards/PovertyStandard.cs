using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Poverty.Standards;

/// <summary>
/// A multidimensional poverty standard as dated data (RULES.md §1). Figures marked provisional
/// come from secondary sources and can be confirmed or corrected by an administrator.
/// </summary>
public sealed class PovertyStandard : AnSinh.Platform.Audit.IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidTo { get; set; }

    /// <summary>Income line, đồng per person per month.</summary>
    public long RuralIncomeLine { get; set; }
    public long UrbanIncomeLine { get; set; }

    /// <summary>Upper bound of the average-living band; null where none has been set.</summary>
    public long? RuralAverageUpper { get; set; }
    public long? UrbanAverageUpper { get; set; }

    /// <summary>Deprivations that make a household under the line poor rather than near-poor.</summary>
    public int PoorMinDeprivations { get; set; }

    /// <summary>Form-B income score ("A") at or under which a household is poor or near-poor (Circular 07/2021).</summary>
    public int RuralScoreThreshold { get; set; }
    public int UrbanScoreThreshold { get; set; }

    /// <summary>Indicator codes of this standard, comma-separated.</summary>
    public required string Indicators { get; set; }

    public required string LegalSource { get; set; }

    /// <summary>Fields still from secondary sources, comma-separated (empty when all are confirmed).</summary>
    public string ProvisionalFields { get; set; } = "";

    public IReadOnlyList<string> IndicatorList => Indicators.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsProvisional => ProvisionalFields.Length > 0;

    string AnSinh.Platform.Audit.IAudited.AuditEntityType => "poverty_standard";
    string AnSinh.Platform.Audit.IAudited.AuditEntityId => Code;
    string? AnSinh.Platform.Audit.IAudited.AuditUnitCode => null;
}

internal sealed class PovertyStandardConfiguration : IEntityTypeConfiguration<PovertyStandard>
{
    public void Configure(EntityTypeBuilder<PovertyStandard> b)
    {
        b.ToTable("poverty_standards");
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.Indicators).HasMaxLength(500);
        b.Property(x => x.LegalSource).HasMaxLength(500);
        b.Property(x => x.ProvisionalFields).HasMaxLength(300);
        b.Ignore(x => x.IndicatorList);
        b.Ignore(x => x.IsProvisional);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.ValidFrom);
    }
}

/// <summary>The standards shipped with AnSinh, loaded once into an empty table (RULES.md §1).</summary>
public static class ShippedStandards
{
    public const string Indicators2022 =
        "employment,dependants,nutrition,health_insurance,adult_education,child_schooling,housing_quality,housing_area,water,sanitation,telecom,information_access";

    public const string Indicators2027 =
        "employment,dependants,nutrition,health_insurance,adult_education,child_schooling,housing_quality,housing_area,water,sanitation,telecom,waste";

    public static IReadOnlyList<PovertyStandard> All =>
    [
        new()
        {
            Code = "2022-2026",
            ValidFrom = new DateOnly(2022, 1, 1),
            ValidTo = new DateOnly(2026, 12, 31),
            RuralIncomeLine = 1_500_000,
            UrbanIncomeLine = 2_000_000,
            RuralAverageUpper = 2_250_000,
            UrbanAverageUpper = 3_000_000,
            PoorMinDeprivations = 3,
            RuralScoreThreshold = 140,
            UrbanScoreThreshold = 175,
            Indicators = Indicators2022,
            LegalSource = "Nghị định 07/2021/NĐ-CP Điều 3 (2022–2025), giữ nguyên cho năm 2026 theo Nghị định 351/2025/NĐ-CP; điểm A theo Thông tư 07/2021/TT-BLĐTBXH",
            ProvisionalFields = "RuralAverageUpper,UrbanAverageUpper,Indicators",
        },
        new()
        {
            Code = "2027-2030",
            ValidFrom = new DateOnly(2027, 1, 1),
            ValidTo = new DateOnly(2030, 12, 31),
            RuralIncomeLine = 2_200_000,
            UrbanIncomeLine = 2_800_000,
            RuralAverageUpper = null,
            UrbanAverageUpper = null,
            PoorMinDeprivations = 3,
            RuralScoreThreshold = 140,
            UrbanScoreThreshold = 175,
            Indicators = Indicators2027,
            LegalSource = "Nghị định 351/2025/NĐ-CP (chuẩn nghèo 2027–2030)",
            ProvisionalFields = "Indicators,RuralScoreThreshold,UrbanScoreThreshold",
        },
    ];
}
