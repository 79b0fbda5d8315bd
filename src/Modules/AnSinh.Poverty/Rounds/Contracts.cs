namespace AnSinh.Poverty.Rounds;

public sealed record OpenRoundRequest(string? CommuneCode, string? Kind, DateOnly? StartedOn);

public sealed record ReviewRequestItem(Guid HouseholdId, bool FormAPassed, string? Note);

public sealed record AddRequestsRequest(List<ReviewRequestItem>? Requests);

public sealed record SurveyRequest
{
    public long? IncomePerPersonMonthly { get; init; }
    public int? IncomeScore { get; init; }
    public List<string>? Deprivations { get; init; }
    public List<string>? UnknownIndicators { get; init; }
    public decimal? FloorArea { get; init; }
    public DateOnly? SurveyedOn { get; init; }

    /// <summary>Reason for each register proposal the officer overrides, by indicator code.</summary>
    public Dictionary<string, string>? Overrides { get; init; }

    /// <summary>Form-B answers (question code → answer code): the score A is computed from the loaded point table.</summary>
    public Dictionary<string, string>? ScoreAnswers { get; init; }
}

public sealed record MeetingRequest(string? Village, DateOnly? HeldOn, int? Attendees, int? Agreeing, string? Minutes);

public sealed record PostingRequest(DateOnly? Start, DateOnly? End, string? Places);

public sealed record ComplaintRequest(Guid? HouseholdId, string? Complainant, DateOnly? ReceivedOn, string? Content);

public sealed record AnswerRequest(string? Answer, DateOnly? AnsweredOn);

public sealed record DecideRequest(string? DecisionNumber, DateOnly? DecidedOn);

public sealed record RoundSummary(Guid Id, string CommuneCode, string CommuneName, string Kind, int Year, DateOnly StartedOn, DateOnly DueOn, string Standard,
    string Stage, bool Frozen, DateOnly? PostingStart, DateOnly? PostingEnd, string? DecisionNumber, DateOnly? DecidedOn, int Households, int Surveyed, int Classified);

public sealed record RoundHouseholdView(Guid HouseholdId, string HouseholdCode, string? HeadName, string? Village, bool Urban, string Source, string PreviousStatus,
    long? IncomePerPersonMonthly, int? IncomeScore, IReadOnlyList<string> Deprivations, IReadOnlyList<string> UnknownIndicators, decimal? FloorArea,
    DateOnly? SurveyedOn, string? SurveyedBy, bool NeedsRescore, string? Result, string? Movement, int Version);

public sealed record SurveyResult(string Classification, int DeprivationCount, string Explanation, IReadOnlyList<Proposal> Proposals);
