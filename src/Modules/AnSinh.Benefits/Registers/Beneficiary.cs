using AnSinh.Benefits.Parameters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Benefits.Registers;

/// <summary>
/// A person of the household register entitled to a monthly benefit by a decision: a
/// social-assistance beneficiary (Article 5 clauses, disability level), a merit person (category,
/// martyrs, injury percentage) or a social-pension recipient. HIV status is sensitive: only the
/// roles that handle the dossier see it, and every read of a record is audited.
/// </summary>
public sealed class Beneficiary
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid HouseholdId { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }
    public required string FullName { get; set; }
    public DateOnly BirthDate { get; set; }
    public string? NationalId { get; set; }
    public Scheme Scheme { get; set; }

    /// <summary>Social assistance: the clauses of Decree 20/2021 Art. 5, comma-separated ("5.5a,5.6").</summary>
    public string? Clauses { get; set; }
    public string? Disability { get; set; }
    public int Children { get; set; }
    public bool Hiv { get; set; }

    /// <summary>Merit: the category and its figures.</summary>
    public string? Category { get; set; }
    public int Martyrs { get; set; }
    public int? InjuryPercent { get; set; }
    public bool ParticularlySevere { get; set; }

    /// <summary>A martyr's relative: the numbers of the martyrs' certificates (Bằng Tổ quốc ghi công), comma-separated, so one relative can represent each martyr.</summary>
    public string? MartyrCertificates { get; set; }

    public required string DecisionNumber { get; set; }
    public DateOnly DecisionDate { get; set; }

    /// <summary>The first day of the first month paid.</summary>
    public DateOnly EntitledFrom { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? EndReason { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }

    /// <summary>When the record last changed (created, ended): the payroll re-checks the months already paid of records changed since its last approved run.</summary>
    public DateTime ChangedAt { get; set; }
}

internal sealed class BeneficiaryConfiguration : IEntityTypeConfiguration<Beneficiary>
{
    public void Configure(EntityTypeBuilder<Beneficiary> b)
    {
        b.ToTable("benefit_beneficiaries");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.NationalId).HasMaxLength(12);
        b.Property(x => x.Clauses).HasMaxLength(100);
        b.Property(x => x.Disability).HasMaxLength(30);
        b.Property(x => x.Category).HasMaxLength(60);
        b.Property(x => x.MartyrCertificates).HasMaxLength(200);
        b.Property(x => x.DecisionNumber).HasMaxLength(60);
        b.Property(x => x.EndReason).HasMaxLength(300);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.PersonId, x.Scheme });
        b.HasIndex(x => new { x.CommuneUnitId, x.Scheme, x.EndedOn });
        b.HasIndex(x => new { x.ProvinceCode, x.Scheme });
        b.HasIndex(x => x.NationalId);
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => new { x.CommuneUnitId, x.ChangedAt });
    }
}
