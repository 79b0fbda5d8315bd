using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Benefits.Dossiers;

public enum DossierStatus
{
    Filed = 1,
    Reviewed = 2,
    Posted = 3,
    Decided = 4,
    Rejected = 5,
}

/// <summary>
/// A dossier for a monthly social-assistance allowance or the social pension (Decree 20/2021, Art. 8):
/// filed at the commune, reviewed within 7 working days, posted 2 working days without HIV
/// information, complaints answered, decided by the chairperson — which records the beneficiary.
/// </summary>
public sealed class AssistanceDossier
{
    public Guid Id { get; set; }
    public Guid PersonId { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }
    public required string FullName { get; set; }
    public string? VillageName { get; set; }

    /// <summary>social_assistance or social_pension.</summary>
    public required string Scheme { get; set; }
    public string? Clauses { get; set; }
    public string? Disability { get; set; }
    public DateOnly? DisabilityCertifiedOn { get; set; }
    public int Children { get; set; }
    public bool Hiv { get; set; }
    public DossierStatus Status { get; set; }
    public DateOnly FiledOn { get; set; }
    public DateOnly ReviewDueOn { get; set; }
    public DateOnly? ReviewedOn { get; set; }
    public string? ReviewNote { get; set; }
    public DateOnly? PostedFrom { get; set; }
    public DateOnly? PostedTo { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecisionNumber { get; set; }
    public string? RejectionReason { get; set; }
    public Guid? BeneficiaryId { get; set; }
    public DateOnly? EntitledFrom { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; }
}

/// <summary>A complaint about a posted dossier, answered within the dated number of working days.</summary>
public sealed class DossierComplaint
{
    public long Id { get; set; }
    public Guid DossierId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public required string Text { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? Answer { get; set; }
}

internal sealed class AssistanceDossierConfiguration : IEntityTypeConfiguration<AssistanceDossier>
{
    public void Configure(EntityTypeBuilder<AssistanceDossier> b)
    {
        b.ToTable("benefit_dossiers");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.VillageName).HasMaxLength(200);
        b.Property(x => x.Scheme).HasMaxLength(20);
        b.Property(x => x.Clauses).HasMaxLength(100);
        b.Property(x => x.Disability).HasMaxLength(30);
        b.Property(x => x.ReviewNote).HasMaxLength(500);
        b.Property(x => x.DecisionNumber).HasMaxLength(60);
        b.Property(x => x.RejectionReason).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.CommuneUnitId, x.Status });
        b.HasIndex(x => x.PersonId);
    }
}

internal sealed class DossierComplaintConfiguration : IEntityTypeConfiguration<DossierComplaint>
{
    public void Configure(EntityTypeBuilder<DossierComplaint> b)
    {
        b.ToTable("benefit_dossier_complaints");
        b.Property(x => x.Text).HasMaxLength(1000);
        b.Property(x => x.Answer).HasMaxLength(1000);
        b.HasIndex(x => x.DossierId);
    }
}
