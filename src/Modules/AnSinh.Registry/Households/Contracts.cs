namespace AnSinh.Registry.Households;

public sealed record MemberInput
{
    public string? FullName { get; init; }
    public string? Sex { get; init; }
    public string? BirthDate { get; init; }
    public string? NationalId { get; init; }
    public string? Ethnicity { get; init; }
    public string? Relationship { get; init; }
    public string? Occupation { get; init; }
    public string? Schooling { get; init; }
    public string? Disability { get; init; }
}

public sealed record RegisterHouseholdRequest
{
    public string? CommuneCode { get; init; }
    public string? Village { get; init; }
    public string? Address { get; init; }
    public string? Code { get; init; }
    public DateOnly? Date { get; init; }
    public List<MemberInput>? Members { get; init; }
}

public sealed record RegisteredHousehold(Guid Id, string Code);

public sealed record UpdateHouseholdRequest
{
    public string? Village { get; init; }
    public string? Address { get; init; }
    public int Version { get; init; }
    public string? Reason { get; init; }
}

public sealed record UpdateMemberRequest
{
    public string? FullName { get; init; }
    public string? Sex { get; init; }
    public string? BirthDate { get; init; }
    public string? NationalId { get; init; }
    public string? Ethnicity { get; init; }
    public string? Occupation { get; init; }
    public string? Schooling { get; init; }
    public string? Disability { get; init; }
    public int Version { get; init; }
    public string? Reason { get; init; }
}

public sealed record AddMemberRequest
{
    public MemberInput? Member { get; init; }

    /// <summary>"birth" or "move_in".</summary>
    public string? Kind { get; init; }

    public DateOnly? Date { get; init; }
    public string? FromCommuneCode { get; init; }
    public string? Reason { get; init; }
}

public sealed record PersonEventRequest
{
    public DateOnly? Date { get; init; }
    public string? ToCommuneCode { get; init; }
    public string? Reason { get; init; }

    /// <summary>At the head's death: the living member who becomes head (the others' relationships are re-mapped to them).</summary>
    public Guid? NewHeadId { get; init; }
}

public sealed record SplitHouseholdRequest
{
    public List<Guid>? PersonIds { get; init; }
    public Guid? NewHeadId { get; init; }
    public string? Village { get; init; }
    public string? Address { get; init; }
    public DateOnly? Date { get; init; }
    public string? Reason { get; init; }
}

public sealed record ChangeHeadRequest
{
    public Guid? NewHeadId { get; init; }
    public DateOnly? Date { get; init; }
    public string? Reason { get; init; }
    public int Version { get; init; }
}

public sealed record MemberView(
    Guid Id, string FullName, string Sex, string BirthDate, string BirthDateDisplay, string? NationalId,
    string? EthnicityCode, string? Ethnicity, string Relationship, string RelationshipName, string? Occupation,
    string? Schooling, string? Disability, string Status, string StatusName, DateOnly? DeathDate, int Version);

public sealed record EventView(DateOnly Date, string Kind, string KindName, Guid? PersonId, string? PersonName, string? Reason, string? OtherCommuneCode, string RecordedBy);

public sealed record LocationView(string CommuneCode, string CommuneName, string? Village, DateOnly From, DateOnly? To);

public sealed record HouseholdView(
    Guid Id, string Code, string CommuneCode, string CommuneName, string ProvinceCode, string? Village, string Address,
    bool IsUrban, string Status, Guid? HeadPersonId, string? HeadName, int Version, DateOnly? AsOf,
    IReadOnlyList<MemberView> Members, IReadOnlyList<EventView> Events, IReadOnlyList<LocationView> Locations,
    bool SensitiveShown);

public sealed record HouseholdListItem(Guid Id, string Code, string CommuneCode, string? Village, string Address, string? HeadName, int Members, string Status);

/// <summary>A household offered by a picker: "HGĐ code, head, village".</summary>
public sealed record HouseholdOption(Guid Id, string Code, string CommuneCode, string? HeadName, string? Village, string Address);

public sealed record PersonListItem(Guid Id, string FullName, Guid HouseholdId, string HouseholdCode, string BirthDate, string Sex, string? NationalId, string CommuneCode, string? Village, string Status);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

public sealed record PersonFilter
{
    public string? Q { get; init; }
    public string? CommuneCode { get; init; }
    public string? Village { get; init; }
    public string? Status { get; init; }
    public string? Sex { get; init; }
    public int? MinAge { get; init; }
    public int? MaxAge { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

public sealed record HouseholdFilter
{
    public string? Q { get; init; }
    public string? CommuneCode { get; init; }
    public string? Village { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}
