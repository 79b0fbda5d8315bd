using AnSinh.Platform.Audit;
using AnSinh.Poverty.Classification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Poverty.Rounds;

/// <summary>Decision 24/2021/QĐ-TTg: a periodic (yearly) or a regular (monthly) review.</summary>
public enum RoundKind
{
    Periodic = 1,
    Regular = 2,
}

/// <summary>Where a round stands; <see cref="Decided"/> freezes it.</summary>
public enum RoundStage
{
    Listing = 1,
    Surveying = 2,
    Posting = 3,
    Decided = 4,
}

public enum ReviewSource
{
    /// <summary>Already on the poor or near-poor list.</summary>
    CurrentList = 1,

    /// <summary>Filed a request (form 01), screened with form A.</summary>
    Request = 2,
}

/// <summary>The outcome of a round for one household (Decision 24/2021, report forms 7.x).</summary>
public enum Movement
{
    Unchanged = 0,
    NewlyPoor = 1,
    NewlyNearPoor = 2,
    EscapedPoverty = 3,
    EscapedNearPoverty = 4,
    FellBackIntoPoverty = 5,
}

/// <summary>A review round of one commune, from the list to the approver's decision.</summary>
public sealed class ReviewRound : IAudited
{
    public Guid Id { get; set; }
    public int CommuneUnitId { get; set; }
    public required string CommuneCode { get; set; }
    public required string ProvinceCode { get; set; }
    public RoundKind Kind { get; set; }
    public int Year { get; set; }
    public DateOnly StartedOn { get; set; }

    /// <summary>The latest date of the decision: 14 December, or 15 days after a regular round starts.</summary>
    public DateOnly DueOn { get; set; }
    public required string StandardCode { get; set; }
    public RoundStage Stage { get; set; } = RoundStage.Listing;
    public DateOnly? PostingStart { get; set; }
    public DateOnly? PostingEnd { get; set; }
    public string? PostingPlaces { get; set; }
    public string? DecisionNumber { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedBy { get; set; }

    /// <summary>The decision's count of households per movement (JSON: code → count), for the lists and rates.</summary>
    public string? Movements { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Version { get; set; }

    public bool IsFrozen => Stage == RoundStage.Decided;

    string IAudited.AuditEntityType => "review_round";
    string IAudited.AuditEntityId => Id.ToString();
    string? IAudited.AuditUnitCode => CommuneCode;
}

/// <summary>One household in a round: why it is reviewed, its survey (form B) and the result.</summary>
public sealed class ReviewHousehold : IAudited
{
    public long Id { get; set; }
    public Guid RoundId { get; set; }
    public Guid HouseholdId { get; set; }
    public required string HouseholdCode { get; set; }
    public string? HeadName { get; set; }
    public string? VillageName { get; set; }
    public bool IsUrban { get; set; }
    public bool EthnicMinority { get; set; }
    public ReviewSource Source { get; set; }

    /// <summary>Status on the lists before the round (not poor when the household was on none).</summary>
    public PovertyClass PreviousStatus { get; set; } = PovertyClass.NotPoor;

    /// <summary>The household was poor at some time before and escaped: a new "poor" is falling back.</summary>
    public bool EverPoor { get; set; }

    public long? Income { get; set; }
    public int? IncomeScore { get; set; }

    /// <summary>Indicators deprived / unknown, as bits in the order of the round's standard.</summary>
    public int DeprivedMask { get; set; }
    public int UnknownMask { get; set; }
    public decimal? FloorArea { get; set; }
    public int? MemberCount { get; set; }

    /// <summary>Register proposals the officer overrode, with the reason (JSON).</summary>
    public string? Overrides { get; set; }
    public string? SurveyedBy { get; set; }
    public DateOnly? SurveyedOn { get; set; }

    /// <summary>The village meeting did not agree: the household must be scored again.</summary>
    public bool NeedsRescore { get; set; }
    public PovertyClass? Result { get; set; }
    public Movement? Movement { get; set; }
    public int Version { get; set; }

    string IAudited.AuditEntityType => "review_household";
    string IAudited.AuditEntityId => $"{RoundId}/{HouseholdId}";
    string? IAudited.AuditUnitCode => null;
}

/// <summary>A village meeting of a round (minutes in two copies, Decision 24/2021).</summary>
public sealed class ReviewMeeting : IAudited
{
    public long Id { get; set; }
    public Guid RoundId { get; set; }
    public required string VillageName { get; set; }
    public DateOnly HeldOn { get; set; }
    public int Attendees { get; set; }
    public int Agreeing { get; set; }
    public bool Passed { get; set; }
    public required string Minutes { get; set; }
    public required string RecordedBy { get; set; }

    string IAudited.AuditEntityType => "review_meeting";
    string IAudited.AuditEntityId => $"{RoundId}/{VillageName}/{HeldOn:yyyy-MM-dd}";
    string? IAudited.AuditUnitCode => null;
}

/// <summary>A complaint about a round's posted list, answered by its deadline.</summary>
public sealed class ReviewComplaint : IAudited
{
    public long Id { get; set; }
    public Guid RoundId { get; set; }
    public Guid? HouseholdId { get; set; }
    public required string Complainant { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public required string Content { get; set; }
    public string? Answer { get; set; }
    public DateOnly? AnsweredOn { get; set; }
    public string? AnsweredBy { get; set; }

    public bool IsOpen => AnsweredOn is null;

    string IAudited.AuditEntityType => "review_complaint";
    string IAudited.AuditEntityId => $"{RoundId}/{Id}";
    string? IAudited.AuditUnitCode => null;
}

/// <summary>
/// A household's status on the lists over time: one row per decided round, closed when the next
/// decision changes it. "Poor households on date D" is the rows valid on D.
/// </summary>
public sealed class PovertyStatus
{
    public long Id { get; set; }
    public Guid HouseholdId { get; set; }
    public Guid RoundId { get; set; }

    /// <summary>The commune of the map valid when the round was decided.</summary>
    public int CommuneUnitId { get; set; }
    public string? VillageName { get; set; }
    public bool IsUrban { get; set; }
    public bool EthnicMinority { get; set; }
    public PovertyClass Status { get; set; }
    public Movement Movement { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}

internal sealed class ReviewRoundConfiguration : IEntityTypeConfiguration<ReviewRound>
{
    public void Configure(EntityTypeBuilder<ReviewRound> b)
    {
        b.ToTable("review_rounds");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.CommuneCode).HasMaxLength(10);
        b.Property(x => x.ProvinceCode).HasMaxLength(10);
        b.Property(x => x.StandardCode).HasMaxLength(20);
        b.Property(x => x.PostingPlaces).HasMaxLength(500);
        b.Property(x => x.DecisionNumber).HasMaxLength(50);
        b.Property(x => x.DecidedBy).HasMaxLength(256);
        b.Property(x => x.Movements).HasMaxLength(1000);
        b.Property(x => x.CreatedBy).HasMaxLength(256);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.IsFrozen);
        b.HasIndex(x => new { x.CommuneUnitId, x.StartedOn });
        b.HasIndex(x => new { x.ProvinceCode, x.StartedOn });
    }
}

internal sealed class ReviewHouseholdConfiguration : IEntityTypeConfiguration<ReviewHousehold>
{
    public void Configure(EntityTypeBuilder<ReviewHousehold> b)
    {
        b.ToTable("review_households");
        b.Property(x => x.HouseholdCode).HasMaxLength(20);
        b.Property(x => x.HeadName).HasMaxLength(200);
        b.Property(x => x.VillageName).HasMaxLength(200);
        b.Property(x => x.Overrides).HasMaxLength(4000);
        b.Property(x => x.SurveyedBy).HasMaxLength(256);
        b.Property(x => x.FloorArea).HasPrecision(9, 2);
        b.Property(x => x.Version).IsConcurrencyToken();
        // A household is reviewed at most once per round.
        b.HasIndex(x => new { x.RoundId, x.HouseholdId }).IsUnique();
        b.HasIndex(x => new { x.RoundId, x.VillageName, x.HouseholdCode });
        // The classify job reads a round in pages by id.
        b.HasIndex(x => new { x.RoundId, x.Id });
        b.HasOne<ReviewRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewMeetingConfiguration : IEntityTypeConfiguration<ReviewMeeting>
{
    public void Configure(EntityTypeBuilder<ReviewMeeting> b)
    {
        b.ToTable("review_meetings");
        b.Property(x => x.VillageName).HasMaxLength(200);
        b.Property(x => x.Minutes).HasMaxLength(4000);
        b.Property(x => x.RecordedBy).HasMaxLength(256);
        b.HasIndex(x => new { x.RoundId, x.VillageName });
        b.HasOne<ReviewRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewComplaintConfiguration : IEntityTypeConfiguration<ReviewComplaint>
{
    public void Configure(EntityTypeBuilder<ReviewComplaint> b)
    {
        b.ToTable("review_complaints");
        b.Property(x => x.Complainant).HasMaxLength(200);
        b.Property(x => x.Content).HasMaxLength(4000);
        b.Property(x => x.Answer).HasMaxLength(4000);
        b.Property(x => x.AnsweredBy).HasMaxLength(256);
        b.Ignore(x => x.IsOpen);
        b.HasIndex(x => x.RoundId);
        b.HasOne<ReviewRound>().WithMany().HasForeignKey(x => x.RoundId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PovertyStatusConfiguration : IEntityTypeConfiguration<PovertyStatus>
{
    public void Configure(EntityTypeBuilder<PovertyStatus> b)
    {
        b.ToTable("poverty_statuses");
        b.Property(x => x.VillageName).HasMaxLength(200);
        // A household's history. Without To: closing a period (hundreds of thousands at a round's
        // decision) then leaves this index alone; the open row is found from the few rows of a household.
        b.HasIndex(x => new { x.HouseholdId, x.From });
        // Lists and rates: the statuses of communes on a date, covering, so a province reads the index only.
        b.HasIndex(x => new { x.CommuneUnitId, x.Status, x.From, x.To, x.IsUrban, x.EthnicMinority, x.VillageName }).HasDatabaseName("IX_poverty_statuses_lists");
    }
}
