using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Programs.Targets;

/// <summary>A yearly target of a unit for one indicator (chỉ tiêu), possibly allocated from the unit above.</summary>
public sealed class Target
{
    public Guid Id { get; set; }
    public int UnitId { get; set; }
    public required string UnitCode { get; set; }
    public required string UnitName { get; set; }
    public int Year { get; set; }
    public required string Indicator { get; set; }
    public decimal Value { get; set; }

    /// <summary>The target of the unit above this one was allocated from.</summary>
    public Guid? ParentId { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime ChangedAt { get; set; }
}

internal sealed class TargetConfiguration : IEntityTypeConfiguration<Target>
{
    public void Configure(EntityTypeBuilder<Target> b)
    {
        b.ToTable("program_targets");
        b.Property(x => x.UnitCode).HasMaxLength(10);
        b.Property(x => x.UnitName).HasMaxLength(200);
        b.Property(x => x.Indicator).HasMaxLength(40);
        b.Property(x => x.Value).HasPrecision(20, 2);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.UnitId, x.Year, x.Indicator }).IsUnique();
        b.HasIndex(x => x.ParentId);
    }
}
