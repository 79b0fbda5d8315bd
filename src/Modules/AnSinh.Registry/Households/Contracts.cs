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

    /// <summary>A column of the list: name (default), birth, sex, nationalId, commune, village, household, status.</summary>
    public string? Sort { get; init; }

    /// <summary>asc (default) or desc.</summary>
    public string? Dir { get; init; }
}

public sealed record HouseholdFilter
{
    public string? Q { get; init; }
    public string? CommuneCode { get; init; }
    public string? Village { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;

    /// <summary>A column of the list: commune (default), code, head, village, address, members.</summary>
    public string? Sort { get; init; }

    /// <summary>asc (default) or desc.</summary>
    public string? Dir { get; init; }
}

/// <summary>The columns a list may be sorted by, and the check of a requested sort.</summary>
public static class ListSort
{
    public static readonly string[] Households = ["commune", "code", "head", "village", "address", "members"];
    public static readonly string[] Persons = ["name", "birth", "sex", "nationalId", "commune", "village", "household", "status"];

    /// <summary>The sort (or the default when none) and whether it is descending; a Vietnamese refusal for an unknown one.</summary>
    public static (string Sort, bool Descending) Parse(string? sort, string? dir, string[] columns)
    {
        var s = string.IsNullOrWhiteSpace(sort) ? columns[0] : sort.Trim();
        var known = columns.FirstOrDefault(c => string.Equals(c, s, StringComparison.OrdinalIgnoreCase));
        var errors = new Platform.Errors.ValidationErrors();
        if (known is null)
        {
            errors.Add("sort", $"Không sắp xếp được theo “{s}”. Chọn một trong: {string.Join(", ", columns)}.");
        }
        var d = string.IsNullOrWhiteSpace(dir) ? "asc" : dir.Trim().ToLowerInvariant();
        if (d is not ("asc" or "desc"))
        {
            errors.Add("dir", "Chiều sắp xếp là asc (tăng dần) hoặc desc (giảm dần).");
        }
        errors.ThrowIfAny();
        return (known!, d == "desc");
    }
}
