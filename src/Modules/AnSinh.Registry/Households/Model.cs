using AnSinh.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Registry.Households;

public enum Sex
{
    Male = 1,
    Female = 2,
}

public enum Relationship
{
    Head = 1,
    Spouse = 2,
    Child = 3,
    Parent = 4,
    Grandchild = 5,
    Other = 6,
    /// <summary>Brother or sister of the head (anh, chị, em).</summary>
    Sibling = 7,
}

public enum PersonStatus
{
    Resident = 1,
    MovedAway = 2,
    Deceased = 3,
}

/// <summary>Disability level (Law on Persons with Disabilities 2010, Art. 3): sensitive data.</summary>
public enum DisabilityLevel
{
    None = 0,
    Mild = 1,
    Severe = 2,
    ParticularlySevere = 3,
}

public enum HouseholdStatus
{
    Active = 1,
    Dissolved = 2,
}

public enum HouseholdEventKind
{
    Registered = 1,
    Birth = 2,
    Death = 3,
    MoveIn = 4,
    MoveOut = 5,
    Split = 6,
    HeadChange = 7,
    Correction = 8,
    Rehomed = 9,
    Imported = 10,
}

public sealed class Household : IAudited
{
    public Guid Id { get; set; }
    public required string Code { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }

    /// <summary>Province of today's map holding the commune (carried for scope and distribution).</summary>
    public required string ProvinceCode { get; set; }

    public int? VillageId { get; set; }
    public string? VillageName { get; set; }
    public required string Address { get; set; }
    public required string AddressSearch { get; set; }
    public bool IsUrban { get; set; }
    public Guid? HeadPersonId { get; set; }
    public string? HeadName { get; set; }
    public string? HeadSearch { get; set; }
    public HouseholdStatus Status { get; set; } = HouseholdStatus.Active;
    public DateOnly RegisteredOn { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }

    string IAudited.AuditEntityType => "household";
    string IAudited.AuditEntityId => Id.ToString();
    string? IAudited.AuditUnitCode => CommuneCode;
}

public sealed class Person : IAudited
{
    public Guid Id { get; set; }
    public Guid HouseholdId { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }
    public required string FullName { get; set; }
    public required string SearchName { get; set; }
    public required string GivenSearch { get; set; }
    public required string SortKey { get; set; }
    public Sex Sex { get; set; }
    public int BirthYear { get; set; }
    public int? BirthMonth { get; set; }
    public int? BirthDay { get; set; }
    public string? NationalId { get; set; }
    public required string EthnicityCode { get; set; }
    public Relationship Relationship { get; set; }
    public string? Occupation { get; set; }
    public string? Schooling { get; set; }
    public DisabilityLevel Disability { get; set; }
    public PersonStatus Status { get; set; } = PersonStatus.Resident;
    public DateOnly? DeathDate { get; set; }
    public DateOnly? LeftOn { get; set; }
    public string? MovedToCommuneCode { get; set; }
    public int Version { get; set; }

    public PartialDate BirthDate => new(BirthYear, BirthMonth, BirthDay);

    string IAudited.AuditEntityType => "person";
    string IAudited.AuditEntityId => Id.ToString();
    string? IAudited.AuditUnitCode => CommuneCode;
}

/// <summary>Who belonged to which household, when: "the household as it was on date D" is a query.</summary>
public sealed class Membership
{
    public long Id { get; set; }
    public Guid PersonId { get; set; }
    public Guid HouseholdId { get; set; }
    public Relationship Relationship { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}

/// <summary>Where a household was recorded, when (re-homing on 1 July 2025 adds a row).</summary>
public sealed class HouseholdLocation
{
    public long Id { get; set; }
    public Guid HouseholdId { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public string? VillageName { get; set; }

    /// <summary>The household is urban (its commune is a ward or town), copied for counting by area.</summary>
    public bool IsUrban { get; set; }

    /// <summary>The head belongs to an ethnic minority (kept current when the head or the head's ethnicity changes).</summary>
    public bool EthnicMinority { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}

public sealed class HouseholdEvent
{
    public Guid Id { get; set; }
    public Guid HouseholdId { get; set; }
    public Guid? PersonId { get; set; }
    public HouseholdEventKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public string? Reason { get; set; }
    public string? OtherCommuneCode { get; set; }
    public Guid? OtherHouseholdId { get; set; }
    public string? Details { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedBy { get; set; }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("households");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Code).HasMaxLength(20);
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.VillageName).HasMaxLength(200);
        b.Property(x => x.Address).HasMaxLength(500);
        b.Property(x => x.AddressSearch).HasMaxLength(500);
        b.Property(x => x.HeadName).HasMaxLength(200);
        b.Property(x => x.HeadSearch).HasMaxLength(200);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => new { x.CommuneUnitId, x.Code }).IsUnique();
        b.HasIndex(x => new { x.CommuneUnitId, x.VillageName, x.HeadSearch });
        b.HasIndex(x => new { x.ProvinceCode, x.CommuneUnitId });
        // Lists of one commune are read in this order, a page at a time.
        b.HasIndex(x => new { x.CommuneCode, x.VillageName, x.Code });
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("persons");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.SearchName).HasMaxLength(200);
        b.Property(x => x.GivenSearch).HasMaxLength(200);
        b.Property(x => x.SortKey).HasMaxLength(600);
        b.Property(x => x.NationalId).HasMaxLength(12);
        b.Property(x => x.EthnicityCode).HasMaxLength(2);
        b.Property(x => x.Occupation).HasMaxLength(200);
        b.Property(x => x.Schooling).HasMaxLength(100);
        b.Property(x => x.MovedToCommuneCode).HasMaxLength(10);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.BirthDate);
        b.HasIndex(x => x.NationalId).IsUnique();
        b.HasIndex(x => x.HouseholdId);
        b.HasIndex(x => new { x.CommuneUnitId, x.SortKey });
        b.HasIndex(x => x.SearchName);
        b.HasIndex(x => x.GivenSearch);
        b.HasIndex(x => new { x.ProvinceCode, x.SortKey });
        b.HasIndex(x => new { x.CommuneCode, x.SortKey });
        b.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasIndex(x => new { x.HouseholdId, x.From });
        b.HasIndex(x => x.PersonId);
    }
}

internal sealed class HouseholdLocationConfiguration : IEntityTypeConfiguration<HouseholdLocation>
{
    public void Configure(EntityTypeBuilder<HouseholdLocation> b)
    {
        b.ToTable("household_locations");
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.VillageName).HasMaxLength(200);
        b.HasIndex(x => x.HouseholdId);
        // "Households of a commune on a date" by village, area and ethnic group (poverty lists and
        // rates): covering, so a province's count reads the index only.
        b.HasIndex(x => new { x.CommuneUnitId, x.From, x.To, x.IsUrban, x.EthnicMinority, x.VillageName }).HasDatabaseName("IX_household_locations_lists");
    }
}

internal sealed class HouseholdEventConfiguration : IEntityTypeConfiguration<HouseholdEvent>
{
    public void Configure(EntityTypeBuilder<HouseholdEvent> b)
    {
        b.ToTable("household_events");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.Property(x => x.OtherCommuneCode).HasMaxLength(10);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.HouseholdId, x.Date });
    }
}
