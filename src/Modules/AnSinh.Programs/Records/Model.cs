using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Programs.Records;

/// <summary>A job created, a vocational training, a labour-export departure or a preferential loan, linked to a person or household where known.</summary>
public sealed class ProgramRecord
{
    public Guid Id { get; set; }

    /// <summary>job, training, labour_export or loan.</summary>
    public required string Kind { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }
    public DateOnly Date { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? HouseholdId { get; set; }
    public string? PersonName { get; set; }

    /// <summary>Loans: the programme of the Bank for Social Policies; training: the trade; job: the employer or the work.</summary>
    public string? Programme { get; set; }

    /// <summary>Loans: the amount in đồng.</summary>
    public long Amount { get; set; }
    public int? TermMonths { get; set; }
    public string? Purpose { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

internal sealed class ProgramRecordConfiguration : IEntityTypeConfiguration<ProgramRecord>
{
    public void Configure(EntityTypeBuilder<ProgramRecord> b)
    {
        b.ToTable("program_records");
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.PersonName).HasMaxLength(200);
        b.Property(x => x.Programme).HasMaxLength(200);
        b.Property(x => x.Purpose).HasMaxLength(500);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.CommuneUnitId, x.Date, x.Kind });
        b.HasIndex(x => x.PersonId);
    }
}
