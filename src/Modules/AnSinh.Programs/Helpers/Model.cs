using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Programs.Helpers;

/// <summary>Phân công giúp đỡ hộ nghèo: an organisation or a person assigned to a poor household, with what they commit to do.</summary>
public sealed class HelperAssignment
{
    public Guid Id { get; set; }
    public Guid HouseholdId { get; set; }
    public required string HouseholdCode { get; set; }
    public required string HeadName { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }
    public required string HelperName { get; set; }

    /// <summary>organisation or person.</summary>
    public required string HelperKind { get; set; }
    public required string Commitment { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>What the helper did, when, and what it was worth.</summary>
public sealed class HelperActivity
{
    public long Id { get; set; }
    public Guid AssignmentId { get; set; }
    public DateOnly Date { get; set; }
    public required string Done { get; set; }
    public long Value { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

internal sealed class HelperAssignmentConfiguration : IEntityTypeConfiguration<HelperAssignment>
{
    public void Configure(EntityTypeBuilder<HelperAssignment> b)
    {
        b.ToTable("program_helper_assignments");
        b.Property(x => x.HouseholdCode).HasMaxLength(40);
        b.Property(x => x.HeadName).HasMaxLength(200);
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.HelperName).HasMaxLength(200);
        b.Property(x => x.HelperKind).HasMaxLength(20);
        b.Property(x => x.Commitment).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.CommuneUnitId, x.From });
        b.HasIndex(x => x.HouseholdId);
    }
}

internal sealed class HelperActivityConfiguration : IEntityTypeConfiguration<HelperActivity>
{
    public void Configure(EntityTypeBuilder<HelperActivity> b)
    {
        b.ToTable("program_helper_activities");
        b.Property(x => x.Done).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => x.AssignmentId);
    }
}
