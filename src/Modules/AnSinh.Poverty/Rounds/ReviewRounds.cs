using System.Text.Json;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Attachments;
using AnSinh.Platform.Calendar;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Reporting;
using AnSinh.Platform.Scoping;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Standards;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Poverty.Rounds;

/// <summary>
/// The review round of one commune (Decision 24/2021/QĐ-TTg): list → survey and classify →
/// village meeting → public posting → complaints → the approver's decision, which freezes it.
/// Each step checks the one before it; every write is audited.
/// </summary>
public sealed class ReviewRounds(AnSinhDbContext db, ScopeResolver scopes, ManageScoreTables scoreTables, AttachmentStore attachments, IPeriodLock locks)
{
    public const string FrozenMessage = "Đợt rà soát đã có quyết định và đã khóa; thay đổi sau này phải làm trong một đợt rà soát thường xuyên mới.";

    private ICurrentActor Actor => db.Actor;

    public static bool CanRun(Role role) => role is Role.Administrator or Role.Officer;

    public static bool CanDecide(Role role) => role is Role.Administrator or Role.Approver;

    public async Task<ReviewRound> OpenAsync(OpenRoundRequest r, CancellationToken ct = default)
    {
        RequireRunner();
        var errors = new ValidationErrors();
        var today = db.Today();
        var kind = r.Kind?.Trim().ToLowerInvariant() switch
        {
            "periodic" or "dinh ky" => RoundKind.Periodic,
            "regular" or "thuong xuyen" => RoundKind.Regular,
            _ => (RoundKind?)null,
        };
        if (kind is null)
        {
            errors.Add("kind", "Loại đợt phải là \"periodic\" (định kỳ) hoặc \"regular\" (thường xuyên).");
        }
        if (r.StartedOn is null)
        {
            errors.Add("startedOn", "Thiếu ngày bắt đầu.");
        }
        else if (r.StartedOn > today)
        {
            errors.Add("startedOn", "Ngày bắt đầu ở tương lai.");
        }
        else if (kind is { } k && ReviewRules.CheckStart(k, r.StartedOn.Value) is { } startError)
        {
            errors.Add("startedOn", startError);
        }
        errors.ThrowIfAny();
        var start = r.StartedOn!.Value;
        var commune = await db.FindCommuneAsync(r.CommuneCode, start, ct)
            ?? throw new InputValidationException("communeCode", $"Không có xã mã \"{r.CommuneCode}\" vào ngày {start:dd/MM/yyyy}.");
        var scope = await scopes.CurrentAsync(ct);
        if (!scope.Allows(commune.Id, commune.CurrentProvinceCode))
        {
            await db.AuditDeniedAsync("admin_unit", commune.Code, commune.Code, ct);
            throw new InputValidationException("communeCode", $"Xã {commune.Code} nằm ngoài phạm vi của bạn.");
        }
        var standard = await db.Set<PovertyStandard>().AsNoTracking().FirstOrDefaultAsync(s => s.ValidFrom <= start && s.ValidTo >= start, ct)
            ?? throw new InputValidationException("startedOn", $"Không có chuẩn nghèo nào áp dụng cho ngày {start:dd/MM/yyyy}.");
        var rounds = db.Set<ReviewRound>().Where(x => x.CommuneUnitId == commune.Id);
        if (await rounds.AnyAsync(x => x.Stage != RoundStage.Decided, ct))
        {
            throw new RuleViolationException($"Xã {commune.FullName} còn một đợt rà soát chưa có quyết định; hãy hoàn thành đợt đó trước.");
        }
        if (await rounds.AnyAsync(x => x.DecidedOn >= start, ct))
        {
            throw new RuleViolationException("Đã có đợt rà soát được quyết định từ ngày này trở về sau; đợt mới phải bắt đầu sau quyết định gần nhất.");
        }
        if (kind == RoundKind.Periodic && await rounds.AnyAsync(x => x.Kind == RoundKind.Periodic && x.Year == start.Year, ct))
        {
            throw new RuleViolationException($"Xã đã có đợt rà soát định kỳ năm {start.Year}.");
        }
        var round = new ReviewRound
        {
            Id = Guid.CreateVersion7(),
            CommuneUnitId = commune.Id,
            CommuneCode = commune.Code,
            ProvinceCode = commune.CurrentProvinceCode,
            Kind = kind!.Value,
            Year = start.Year,
            StartedOn = start,
            DueOn = ReviewRules.DueOn(kind.Value, start),
            StandardCode = standard.Code,
            CreatedAt = db.Now(),
            CreatedBy = Actor.UserName,
        };
        db.Add(round);
        // Households already on the lists are reviewed again (Decision 24/2021).
        var communeIds = await CommuneIdsAsync(commune, ct);
        var onLists = await db.Set<PovertyStatus>().AsNoTracking()
            .Where(s => s.From <= start && (s.To == null || s.To >= start) && (s.Status == PovertyClass.Poor || s.Status == PovertyClass.NearPoor))
            .Join(db.Set<Household>().Where(h => communeIds.Contains(h.CommuneUnitId) && h.Status == HouseholdStatus.Active), s => s.HouseholdId, h => h.Id, (s, h) => s.HouseholdId)
            .ToListAsync(ct);
        await AddHouseholdsAsync(round, onLists.Distinct().ToList(), ReviewSource.CurrentList, ct);
        await db.SaveChangesAsync(ct);
        return round;
    }

    public async Task<(int Added, List<string> Rejected)> AddRequestsAsync(Guid roundId, AddRequestsRequest r, CancellationToken ct = default)
    {
        RequireRunner();
        var round = await LoadAsync(roundId, ct, tracked: true);
        RequireOpen(round);
        if (round.Stage > RoundStage.Surveying)
        {
            throw new RuleViolationException("Đợt đã niêm yết; đơn đề nghị mới được xét ở đợt rà soát thường xuyên sau.");
        }
        var items = r.Requests ?? [];
        if (items.Count == 0)
        {
            throw new InputValidationException("requests", "Chưa có đơn đề nghị nào.");
        }
        var ids = items.Select(i => i.HouseholdId).ToList();
        var communeIds = await CommuneIdsAsync(round, ct);
        var known = await db.Set<Household>().AsNoTracking().Where(h => ids.Contains(h.Id) && communeIds.Contains(h.CommuneUnitId)).Select(h => h.Id).ToListAsync(ct);
        var listed = await db.Set<ReviewHousehold>().AsNoTracking().Where(x => x.RoundId == roundId && ids.Contains(x.HouseholdId)).Select(x => x.HouseholdId).ToListAsync(ct);
        var errors = new ValidationErrors();
        for (var i = 0; i < items.Count; i++)
        {
            if (!known.Contains(items[i].HouseholdId))
            {
                errors.Add($"requests[{i}].householdId", "Hộ không thuộc xã của đợt rà soát.");
            }
            else if (listed.Contains(items[i].HouseholdId) || items.Take(i).Any(x => x.HouseholdId == items[i].HouseholdId))
            {
                errors.Add($"requests[{i}].householdId", "Hộ đã có trong danh sách rà soát của đợt.");
            }
        }
        errors.ThrowIfAny();
        var rejected = items.Where(i => !i.FormAPassed).ToList();
        foreach (var x in rejected)
        {
            db.Audit("review_request.screened_out", "household", x.HouseholdId.ToString(), round.CommuneCode, after: new { round = roundId, note = x.Note });
        }
        var accepted = items.Where(i => i.FormAPassed).Select(i => i.HouseholdId).ToList();
        await AddHouseholdsAsync(round, accepted, ReviewSource.Request, ct);
        await db.SaveChangesAsync(ct);
        return (accepted.Count, rejected.Select(x => x.HouseholdId.ToString()).ToList());
    }

    /// <summary>The register's proposals for a household's form B.</summary>
    public async Task<IReadOnlyList<Proposal>> ProposalsAsync(Guid roundId, Guid householdId, decimal? floorArea, DateOnly? date, CancellationToken ct = default)
    {
        var round = await LoadAsync(roundId, ct);
        var standard = await StandardAsync(round, ct);
        var members = await MembersAsync(householdId, ct);
        return RegisterProposals.For(members, floorArea, date ?? db.Today(), standard.IndicatorList);
    }

    public async Task<SurveyResult> SurveyAsync(Guid roundId, Guid householdId, SurveyRequest r, CancellationToken ct = default)
    {
        RequireRunner();
        var round = await LoadAsync(roundId, ct, tracked: true);
        RequireOpen(round);
        var row = await db.Set<ReviewHousehold>().FirstOrDefaultAsync(x => x.RoundId == roundId && x.HouseholdId == householdId, ct)
            ?? throw new NotFoundException("Hộ không có trong danh sách rà soát của đợt này.");
        var openComplaint = await db.Set<ReviewComplaint>().AnyAsync(c => c.RoundId == roundId && c.HouseholdId == householdId && c.AnsweredOn == null, ct);
        if (round.Stage == RoundStage.Posting && !openComplaint)
        {
            throw new RuleViolationException("Danh sách đang niêm yết; chỉ chấm lại hộ có khiếu nại đang được xem xét.");
        }
        if (row.SurveyedOn is not null && !row.NeedsRescore && !openComplaint)
        {
            throw new RuleViolationException($"Hộ {row.HouseholdCode} đã được khảo sát trong đợt này ngày {row.SurveyedOn:dd/MM/yyyy}; chỉ chấm lại khi họp thôn không thống nhất hoặc có khiếu nại.");
        }
        var standard = await StandardAsync(round, ct);
        var today = db.Today();
        var errors = new ValidationErrors();
        var surveyedOn = r.SurveyedOn ?? today;
        if (surveyedOn < round.StartedOn || surveyedOn > today)
        {
            errors.Add("surveyedOn", $"Ngày khảo sát phải từ ngày bắt đầu đợt ({round.StartedOn:dd/MM/yyyy}) đến hôm nay.");
        }
        if (r.FloorArea is < 0 or > 100_000)
        {
            errors.Add("floorArea", "Diện tích nhà phải từ 0 đến 100.000 m².");
        }
        var incomeScore = r.IncomeScore;
        if (r.ScoreAnswers is { Count: > 0 } answers)
        {
            if (r.IncomeScore is not null)
            {
                errors.Add("scoreAnswers", "Nhập hoặc các câu trả lời phiếu B, hoặc điểm A đã chấm; không nhập cả hai.");
            }
            else
            {
                var region = await scoreTables.RegionOfCommuneAsync(round.CommuneUnitId, row.IsUrban, ct);
                var outcome = region is null
                    ? new ScoreTables.ScoreOutcome(null, ["Không xác định được vùng của xã để chọn cột điểm phiếu B."])
                    : ScoreTables.Score(await scoreTables.TableAsync(standard.Code, ct), standard.Code, region.Value, answers);
                foreach (var problem in outcome.Problems)
                {
                    errors.Add("scoreAnswers", problem);
                }
                incomeScore = outcome.Score;
            }
        }
        var input = new ClassificationInput(row.IsUrban, r.IncomePerPersonMonthly, incomeScore, r.Deprivations ?? [], r.UnknownIndicators ?? []);
        foreach (var (field, message) in PovertyClassifier.Check(standard, input))
        {
            errors.Add(field, message);
        }
        if (r.IncomePerPersonMonthly is null && r.IncomeScore is null && r.ScoreAnswers is not { Count: > 0 })
        {
            errors.Add("incomePerPersonMonthly", "Cần thu nhập bình quân đầu người/tháng hoặc điểm thu nhập (A) của phiếu B.");
        }
        var members = await MembersAsync(householdId, ct);
        var proposals = RegisterProposals.For(members, r.FloorArea, surveyedOn, standard.IndicatorList);
        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in proposals.Where(p => p.Deprived is not null))
        {
            var answered = input.Deprivations.Contains(p.Indicator) ? true : input.UnknownIndicators!.Contains(p.Indicator) ? (bool?)null : false;
            if (answered != p.Deprived)
            {
                var reason = r.Overrides?.GetValueOrDefault(p.Indicator)?.Trim();
                if (string.IsNullOrEmpty(reason))
                {
                    errors.Add($"overrides.{p.Indicator}", $"Sổ hộ đề xuất \"{p.Indicator}\" là {(p.Deprived == true ? "thiếu hụt" : "không thiếu hụt")} ({p.Reason}); cần ghi lý do khi chọn khác.");
                }
                else
                {
                    overrides[p.Indicator] = reason.Length > 500 ? reason[..500] : reason;
                }
            }
        }
        errors.ThrowIfAny();
        var result = PovertyClassifier.Classify(standard, input);
        row.Income = r.IncomePerPersonMonthly;
        row.IncomeScore = incomeScore;
        row.DeprivedMask = ReviewRules.Mask(standard.IndicatorList, input.Deprivations);
        row.UnknownMask = ReviewRules.Mask(standard.IndicatorList, input.UnknownIndicators!);
        row.FloorArea = r.FloorArea;
        row.MemberCount = members.Count;
        row.Overrides = overrides.Count == 0 ? null : JsonSerializer.Serialize(overrides);
        row.SurveyedBy = Actor.UserName;
        row.SurveyedOn = surveyedOn;
        row.Result = result.Class;
        row.Movement = ReviewRules.MovementOf(row.PreviousStatus, result.Class, row.EverPoor);
        row.NeedsRescore = false;
        row.Version++;
        if (round.Stage == RoundStage.Listing)
        {
            round.Stage = RoundStage.Surveying;
            round.Version++;
        }
        await db.SaveChangesAsync(ct);
        return new SurveyResult(PovertyClassifier.Code(result.Class), result.DeprivationCount, result.Explanation, proposals);
    }

    public const string MeetingOwner = "review_meeting";

    /// <summary>The signed minutes of a village meeting (scan or photo), kept as evidence of the step.</summary>
    public async Task<AttachmentInfo> AttachMinutesAsync(Guid roundId, long meetingId, string? fileName, Stream content, CancellationToken ct = default)
    {
        RequireRunner();
        var round = await LoadAsync(roundId, ct);
        RequireOpen(round);
        await RequireMeetingAsync(roundId, meetingId, ct);
        return await attachments.AddAsync(MeetingOwner, meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture), "minutes", round.CommuneCode, fileName, content, ct);
    }

    public async Task<Attachment> MinutesAsync(Guid roundId, long meetingId, Guid attachmentId, CancellationToken ct = default)
    {
        await LoadAsync(roundId, ct);
        await RequireMeetingAsync(roundId, meetingId, ct);
        return await attachments.GetAsync(MeetingOwner, meetingId.ToString(System.Globalization.CultureInfo.InvariantCulture), attachmentId, ct);
    }

    private async Task RequireMeetingAsync(Guid roundId, long meetingId, CancellationToken ct)
    {
        if (!await db.Set<ReviewMeeting>().AnyAsync(m => m.Id == meetingId && m.RoundId == roundId, ct))
        {
            throw new NotFoundException("Không có cuộc họp này trong đợt rà soát.");
        }
    }

    public async Task<List<AttachmentInfo>> MinutesListAsync(Guid roundId, CancellationToken ct = default)
    {
        await LoadAsync(roundId, ct);
        var ids = (await db.Set<ReviewMeeting>().AsNoTracking().Where(m => m.RoundId == roundId).Select(m => m.Id).ToListAsync(ct))
            .Select(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return await attachments.ListAsync(MeetingOwner, ids, ct);
    }

    public async Task<ReviewMeeting> MeetingAsync(Guid roundId, MeetingRequest r, CancellationToken ct = default)
    {
        RequireRunner();
        var round = await LoadAsync(roundId, ct, tracked: true);
        RequireOpen(round);
        var errors = new ValidationErrors();
        var village = r.Village?.Trim();
        var rows = db.Set<ReviewHousehold>().Where(x => x.RoundId == roundId && x.VillageName == village);
        if (string.IsNullOrEmpty(village) || !await rows.AnyAsync(ct))
        {
            errors.Add("village", "Thôn không có hộ nào trong danh sách rà soát của đợt.");
        }
        if (r.HeldOn is null || r.HeldOn < round.StartedOn || r.HeldOn > db.Today())
        {
            errors.Add("heldOn", $"Ngày họp phải từ ngày bắt đầu đợt ({round.StartedOn:dd/MM/yyyy}) đến hôm nay.");
        }
        if (r.Attendees is null or <= 0)
        {
            errors.Add("attendees", "Số người dự họp phải lớn hơn 0.");
        }
        if (r.Agreeing is null or < 0)
        {
            errors.Add("agreeing", "Số người đồng ý không được âm.");
        }
        else if (r.Attendees is { } a && r.Agreeing > a)
        {
            errors.Add("agreeing", $"Số người đồng ý ({r.Agreeing}) không thể nhiều hơn số người dự họp ({a}).");
        }
        if (string.IsNullOrWhiteSpace(r.Minutes))
        {
            errors.Add("minutes", "Cần nội dung (hoặc số) biên bản cuộc họp.");
        }
        errors.ThrowIfAny();
        if (round.Stage >= RoundStage.Posting)
        {
            throw new RuleViolationException("Danh sách đã niêm yết; không họp thôn lại trong đợt này.");
        }
        var notReady = await rows.CountAsync(x => x.Result == null || x.Result == PovertyClass.Incomplete || x.NeedsRescore, ct);
        if (notReady > 0)
        {
            throw new RuleViolationException($"Thôn {village} còn {notReady} hộ chưa khảo sát, chưa đủ dữ liệu hoặc chờ chấm lại; chưa thể họp.");
        }
        var passed = ReviewRules.MeetingPasses(r.Attendees!.Value, r.Agreeing!.Value);
        var meeting = new ReviewMeeting
        {
            RoundId = roundId,
            VillageName = village!,
            HeldOn = r.HeldOn!.Value,
            Attendees = r.Attendees.Value,
            Agreeing = r.Agreeing.Value,
            Passed = passed,
            Minutes = r.Minutes!.Trim(),
            RecordedBy = Actor.UserName,
        };
        db.Add(meeting);
        if (!passed)
        {
            // Under half agreeing sends the village back to scoring (Decision 24/2021).
            await rows.ExecuteUpdateAsync(s => s.SetProperty(x => x.NeedsRescore, true), ct);
        }
        round.Version++;
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    public async Task<ReviewRound> PostAsync(Guid roundId, PostingRequest r, CancellationToken ct = default)
    {
        RequireRunner();
        var round = await LoadAsync(roundId, ct, tracked: true);
        RequireOpen(round);
        if (round.Stage == RoundStage.Posting)
        {
            throw new RuleViolationException($"Danh sách đã niêm yết từ {round.PostingStart:dd/MM/yyyy}.");
        }
        if (r.Start is null)
        {
            throw new InputValidationException("start", "Thiếu ngày bắt đầu niêm yết.");
        }
        var villages = await db.Set<ReviewHousehold>().AsNoTracking().Where(x => x.RoundId == roundId).Select(x => x.VillageName).Distinct().ToListAsync(ct);
        if (villages.Count == 0)
        {
            throw new RuleViolationException("Đợt chưa có hộ nào trong danh sách rà soát.");
        }
        var meetings = await db.Set<ReviewMeeting>().AsNoTracking().Where(m => m.RoundId == roundId).ToListAsync(ct);
        var missing = villages.Where(v => meetings.Where(m => m.VillageName == v).OrderBy(m => m.HeldOn).ThenBy(m => m.Id).LastOrDefault() is not { Passed: true }).ToList();
        if (missing.Count > 0)
        {
            throw new RuleViolationException($"Chưa niêm yết được: thôn {string.Join(", ", missing.Select(v => v ?? "(không rõ thôn)"))} chưa có cuộc họp thống nhất (≥ 50 % đồng ý).");
        }
        var lastMeeting = meetings.Max(m => m.HeldOn);
        if (r.Start < lastMeeting)
        {
            throw new RuleViolationException($"Không niêm yết trước cuộc họp thôn (cuộc họp cuối ngày {lastMeeting:dd/MM/yyyy}).");
        }
        var end = r.End ?? (await db.WorkCalendarAsync(ct)).AddWorkingDays(r.Start.Value, ReviewRules.PostingWorkingDays);
        if (end < r.Start)
        {
            throw new InputValidationException("end", "Ngày kết thúc niêm yết trước ngày bắt đầu.");
        }
        round.PostingStart = r.Start;
        round.PostingEnd = end;
        round.PostingPlaces = string.IsNullOrWhiteSpace(r.Places) ? "Nhà văn hóa thôn, trụ sở UBND xã; thông báo trên đài truyền thanh xã" : r.Places.Trim();
        round.Stage = RoundStage.Posting;
        round.Version++;
        await db.SaveChangesAsync(ct);
        return round;
    }

    public async Task<ReviewComplaint> ComplaintAsync(Guid roundId, ComplaintRequest r, CancellationToken ct = default)
    {
        RequireRunner();
        var round = await LoadAsync(roundId, ct, tracked: true);
        RequireOpen(round);
        if (round.Stage != RoundStage.Posting)
        {
            throw new RuleViolationException("Khiếu nại được ghi nhận sau khi danh sách được niêm yết.");
        }
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(r.Complainant))
        {
            errors.Add("complainant", "Cần tên người khiếu nại.");
        }
        if (string.IsNullOrWhiteSpace(r.Content))
        {
            errors.Add("content", "Cần nội dung khiếu nại.");
        }
        if (r.ReceivedOn is null || r.ReceivedOn < round.PostingStart || r.ReceivedOn > db.Today())
        {
            errors.Add("receivedOn", $"Ngày nhận phải từ ngày niêm yết ({round.PostingStart:dd/MM/yyyy}) đến hôm nay.");
        }
        if (r.HouseholdId is { } hid && !await db.Set<ReviewHousehold>().AnyAsync(x => x.RoundId == roundId && x.HouseholdId == hid, ct))
        {
            errors.Add("householdId", "Hộ không có trong danh sách rà soát của đợt.");
        }
        errors.ThrowIfAny();
        var c = new ReviewComplaint
        {
            RoundId = roundId,
            HouseholdId = r.HouseholdId,
            Complainant = r.Complainant!.Trim(),
            Content = r.Content!.Trim(),
            ReceivedOn = r.ReceivedOn!.Value,
            DueOn = ReviewRules.ComplaintDue(await db.WorkCalendarAsync(ct), r.ReceivedOn.Value),
        };
        db.Add(c);
        round.Version++;
        await db.SaveChangesAsync(ct);
        return c;
    }

    public async Task<ReviewComplaint> AnswerAsync(Guid roundId, long complaintId, AnswerRequest r, CancellationToken ct = default)
    {
        RequireRunner();
        var round = await LoadAsync(roundId, ct, tracked: true);
        RequireOpen(round);
        var c = await db.Set<ReviewComplaint>().FirstOrDefaultAsync(x => x.RoundId == roundId && x.Id == complaintId, ct) ?? throw new NotFoundException("Không có khiếu nại này.");
        if (!c.IsOpen)
        {
            throw new RuleViolationException($"Khiếu nại đã được trả lời ngày {c.AnsweredOn:dd/MM/yyyy}.");
        }
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(r.Answer))
        {
            errors.Add("answer", "Cần nội dung trả lời.");
        }
        if (r.AnsweredOn is null || r.AnsweredOn < c.ReceivedOn || r.AnsweredOn > db.Today())
        {
            errors.Add("answeredOn", $"Ngày trả lời phải từ ngày nhận ({c.ReceivedOn:dd/MM/yyyy}) đến hôm nay.");
        }
        errors.ThrowIfAny();
        c.Answer = r.Answer!.Trim();
        c.AnsweredOn = r.AnsweredOn;
        c.AnsweredBy = Actor.UserName;
        round.Version++;
        await db.SaveChangesAsync(ct);
        return c;
    }

    /// <summary>The approver's decision: movements, the status history and the freeze, in one transaction.</summary>
    public async Task<ReviewRound> DecideAsync(Guid roundId, DecideRequest r, CancellationToken ct = default)
    {
        if (!CanDecide(Actor.Role))
        {
            throw new RuleViolationException("Chỉ lãnh đạo phê duyệt (Chủ tịch UBND xã) được quyết định kết quả rà soát.");
        }
        var round = await LoadAsync(roundId, ct, tracked: true);
        RequireOpen(round);
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(r.DecisionNumber) || r.DecisionNumber.Trim().Length > 50)
        {
            errors.Add("decisionNumber", "Cần số quyết định (tối đa 50 ký tự).");
        }
        if (r.DecidedOn is null || r.DecidedOn > db.Today())
        {
            errors.Add("decidedOn", "Cần ngày quyết định, không ở tương lai.");
        }
        errors.ThrowIfAny();
        var decidedOn = r.DecidedOn!.Value;
        if (round.Stage != RoundStage.Posting || round.PostingEnd is null)
        {
            throw new RuleViolationException("Chưa niêm yết công khai danh sách; chưa thể quyết định.");
        }
        if (decidedOn <= round.PostingEnd)
        {
            throw new RuleViolationException($"Thời gian niêm yết chưa hết (đến hết ngày {round.PostingEnd:dd/MM/yyyy}); chưa thể quyết định.");
        }
        var open = await db.Set<ReviewComplaint>().CountAsync(c => c.RoundId == roundId && c.AnsweredOn == null, ct);
        if (open > 0)
        {
            throw new RuleViolationException($"Còn {open} khiếu nại chưa được trả lời; chưa thể quyết định.");
        }
        // Four eyes: the one who opened the round or ran its classification does not decide it, the administrator included.
        SeparationOfDuties.Require([round.CreatedBy, .. await PreparedByAsync(round, ct)], Actor, "Đợt rà soát này", "lập hoặc phân loại");
        await locks.EnsureOpenAsync(db, round.CommuneUnitId, decidedOn, ct);
        var rows = db.Set<ReviewHousehold>().Where(x => x.RoundId == roundId);
        var pending = await rows.CountAsync(x => x.Result == null || x.Result == PovertyClass.Incomplete || x.NeedsRescore, ct);
        if (pending > 0)
        {
            throw new RuleViolationException($"Còn {pending} hộ chưa có kết quả phân loại đầy đủ; chưa thể quyết định.");
        }
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.BeginWriteAsync(ct);
            var counts = await WriteDecisionAsync(db, round, decidedOn, ct);
            round.Stage = RoundStage.Decided;
            round.DecisionNumber = r.DecisionNumber!.Trim();
            round.DecidedOn = decidedOn;
            round.DecidedBy = Actor.UserName;
            round.Movements = JsonSerializer.Serialize(counts);
            round.Version++;
            db.Audit("review_round.decided", "review_round", round.Id.ToString(), round.CommuneCode,
                after: new { round.DecisionNumber, decidedOn, counts, round.CreatedBy, round.DecidedBy, decidedById = Actor.UserId });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
        return round;
    }

    /// <summary>
    /// Set-based, inside the caller's transaction: the movement of every household of the round
    /// (already written with its result; any row without one gets it here), then, for the households
    /// whose status or place changes (staged once in <c>decision_stage</c>), the end of the previous
    /// status and the new one from the decision date (ADR 0021).
    /// </summary>
    public static async Task<Dictionary<string, int>> WriteDecisionAsync(AnSinhDbContext db, ReviewRound round, DateOnly decidedOn, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A round's decision is written in one transaction.");
        }
        var id = round.Id;
        var rows = db.Set<ReviewHousehold>().Where(x => x.RoundId == id);
        // The classify job writes each row's movement with its result; rows without one (set by hand
        // or from an earlier version) get it here, then the movements are counted.
        var byMovement = await rows.GroupBy(x => x.Movement).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        if (byMovement.Any(x => x.Key is null))
        {
            var missing = await rows.Where(x => x.Movement == null)
                .GroupBy(x => new { x.PreviousStatus, x.Result, x.EverPoor }).Select(g => g.Key).ToListAsync(ct);
            foreach (var c in missing)
            {
                var movement = ReviewRules.MovementOf(c.PreviousStatus, c.Result!.Value, c.EverPoor);
                await rows.Where(x => x.Movement == null && x.PreviousStatus == c.PreviousStatus && x.Result == c.Result && x.EverPoor == c.EverPoor)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Movement, movement), ct);
            }
            byMovement = await rows.GroupBy(x => x.Movement).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        }
        var counts = byMovement.ToDictionary(x => ReviewRules.Code(x.Key!.Value), x => x.Count, StringComparer.Ordinal);
        // The status history keeps one row per period of being poor, near-poor or of average
        // living (a household on none of them has no open row): a household whose status and place
        // stay the same keeps its open row; the others have it closed the day before the decision
        // and, unless now not poor, get a new one from the decision date. Each round's result and
        // movement per household stay in review_households.
        var pg = db.Engine == DatabaseEngine.Postgres;
        object roundParam = pg ? id : id.ToString().ToUpperInvariant();
        object Date(DateOnly d) => pg ? d : d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // One pass over the round's rows finds, with each household's open status, the households
        // whose status or place changes (their open row is closed) and those that get a new row; it
        // is kept in a temporary table so that the closing and the inserting read it, not the join
        // again (each pass over a million households and their statuses took some three seconds).
        // SQLite's copy is keyed by household, so the new rows reach the history's household index in
        // its own order.
        await db.Database.ExecuteSqlRawAsync(pg
            ? """
              CREATE TEMP TABLE IF NOT EXISTS decision_stage ("HouseholdId" uuid NOT NULL, "OpenId" bigint NULL, "Status" integer NOT NULL, "Movement" integer NOT NULL,
                  "VillageName" varchar(200) NULL, "IsUrban" boolean NOT NULL, "EthnicMinority" boolean NOT NULL) ON COMMIT DROP
              """
            : """
              CREATE TEMP TABLE IF NOT EXISTS decision_stage ("HouseholdId" TEXT NOT NULL PRIMARY KEY, "OpenId" INTEGER NULL, "Status" INTEGER NOT NULL, "Movement" INTEGER NOT NULL,
                  "VillageName" TEXT NULL, "IsUrban" INTEGER NOT NULL, "EthnicMinority" INTEGER NOT NULL) WITHOUT ROWID
              """, ct);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM decision_stage", ct);
        var distinct = pg ? "IS DISTINCT FROM" : "IS NOT";
        // SQLite: in household order the probes of the history's household index and the staging
        // table's inserts walk their B-trees in order (a third faster than in the round's row order).
        var order = pg ? "" : "ORDER BY r.\"HouseholdId\"";
        var stage = $$"""
            INSERT INTO decision_stage ("HouseholdId", "OpenId", "Status", "Movement", "VillageName", "IsUrban", "EthnicMinority")
            SELECT r."HouseholdId", s."Id", r."Result", r."Movement", r."VillageName", r."IsUrban", r."EthnicMinority"
            FROM review_households r
            LEFT JOIN poverty_statuses s ON s."HouseholdId" = r."HouseholdId" AND s."To" IS NULL
            WHERE r."RoundId" = {0} AND (
                (s."Id" IS NULL AND r."Result" IN (0, 1, 2))
                OR (s."Id" IS NOT NULL AND (r."Result" <> s."Status" OR s."CommuneUnitId" <> {1} OR r."VillageName" {{distinct}} s."VillageName"
                    OR r."IsUrban" <> s."IsUrban" OR r."EthnicMinority" <> s."EthnicMinority")))
            {{order}}
            """;
        await db.Database.ExecuteSqlRawAsync(stage, [roundParam, round.CommuneUnitId], ct);
        if (pg)
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE decision_stage", ct);
        }
        // Closing the changed periods. PostgreSQL writes an updated row as a new version with an
        // entry in every index and checks the old ones, so the closed periods are deleted and written
        // again with their end, in household order (it took 7 s instead of 4.7 s for 540,000 rows);
        // the key of a status row is referred to by nothing. SQLite updates the rows in place.
        await db.Database.ExecuteSqlRawAsync(pg
            ? """
              WITH gone AS (DELETE FROM poverty_statuses p USING decision_stage d WHERE p."Id" = d."OpenId"
                  RETURNING p."HouseholdId", p."RoundId", p."CommuneUnitId", p."VillageName", p."IsUrban", p."EthnicMinority", p."Status", p."Movement", p."From")
              INSERT INTO poverty_statuses ("HouseholdId", "RoundId", "CommuneUnitId", "VillageName", "IsUrban", "EthnicMinority", "Status", "Movement", "From", "To")
              SELECT g."HouseholdId", g."RoundId", g."CommuneUnitId", g."VillageName", g."IsUrban", g."EthnicMinority", g."Status", g."Movement", g."From", {0}
              FROM gone g ORDER BY g."HouseholdId"
              """
            : """UPDATE poverty_statuses SET "To" = {0} WHERE "Id" IN (SELECT d."OpenId" FROM decision_stage d WHERE d."OpenId" IS NOT NULL)""",
            [Date(decidedOn.AddDays(-1))], ct);
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO poverty_statuses ("HouseholdId", "RoundId", "CommuneUnitId", "VillageName", "IsUrban", "EthnicMinority", "Status", "Movement", "From", "To")
            SELECT d."HouseholdId", {0}, {2}, d."VillageName", d."IsUrban", d."EthnicMinority", d."Status", d."Movement", {1}, NULL
            FROM decision_stage d WHERE d."Status" IN (0, 1, 2) ORDER BY d."HouseholdId"
            """,
            [roundParam, Date(decidedOn), round.CommuneUnitId], ct);
        if (!pg)
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM decision_stage", ct);
        }
        return counts;
    }

    /// <summary>Who ran the round's classification job (each job records the user who started it).</summary>
    private async Task<List<string>> PreparedByAsync(ReviewRound round, CancellationToken ct)
    {
        var id = round.Id.ToString();
        return await db.Jobs.AsNoTracking().Where(j => j.Kind == ClassifyRoundJob.JobKind && j.Payload != null && j.Payload.Contains(id))
            .Select(j => j.CreatedBy).Distinct().ToListAsync(ct);
    }

    public async Task<ReviewRound> LoadAsync(Guid id, CancellationToken ct, bool tracked = false)
    {
        var q = tracked ? db.Set<ReviewRound>() : db.Set<ReviewRound>().AsNoTracking();
        var round = await q.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException("Không tìm thấy đợt rà soát.");
        if (!(await scopes.CurrentAsync(ct)).Allows(round.CommuneUnitId, round.ProvinceCode))
        {
            await db.AuditDeniedAsync("review_round", id.ToString(), round.CommuneCode, ct);
            throw new NotFoundException("Không tìm thấy đợt rà soát.");
        }
        return round;
    }

    public async Task<PovertyStandard> StandardAsync(ReviewRound round, CancellationToken ct) =>
        await db.Set<PovertyStandard>().AsNoTracking().SingleAsync(s => s.Code == round.StandardCode, ct);

    private async Task AddHouseholdsAsync(ReviewRound round, List<Guid> householdIds, ReviewSource source, CancellationToken ct)
    {
        foreach (var chunk in householdIds.Chunk(5000))
        {
            var ids = chunk.ToList();
            var households = await db.Set<Household>().AsNoTracking().Where(h => ids.Contains(h.Id))
                .Select(h => new { h.Id, h.Code, h.HeadName, h.VillageName, h.IsUrban, HeadEthnicity = db.Set<Person>().Where(p => p.Id == h.HeadPersonId).Select(p => p.EthnicityCode).FirstOrDefault() })
                .ToListAsync(ct);
            var history = await db.Set<PovertyStatus>().AsNoTracking().Where(s => ids.Contains(s.HouseholdId) && s.From <= round.StartedOn)
                .Select(s => new { s.HouseholdId, s.Status, s.From, s.To }).ToListAsync(ct);
            foreach (var h in households)
            {
                var mine = history.Where(s => s.HouseholdId == h.Id).ToList();
                var current = mine.FirstOrDefault(s => s.To == null || s.To >= round.StartedOn);
                db.Add(new ReviewHousehold
                {
                    RoundId = round.Id,
                    HouseholdId = h.Id,
                    HouseholdCode = h.Code,
                    HeadName = h.HeadName,
                    VillageName = h.VillageName,
                    IsUrban = h.IsUrban,
                    EthnicMinority = h.HeadEthnicity is not null && h.HeadEthnicity != Ethnicities.KinhCode,
                    Source = source,
                    PreviousStatus = current?.Status ?? PovertyClass.NotPoor,
                    EverPoor = mine.Any(s => s.Status == PovertyClass.Poor && s.To != null && s.To < round.StartedOn),
                });
            }
        }
    }

    private async Task<List<RegisterProposals.Member>> MembersAsync(Guid householdId, CancellationToken ct) =>
        (await db.Set<Person>().AsNoTracking().Where(p => p.HouseholdId == householdId && p.Status == PersonStatus.Resident)
            .Select(p => new { p.BirthYear, p.BirthMonth, p.BirthDay, p.Disability, p.Schooling }).ToListAsync(ct))
        .Select(p => new RegisterProposals.Member(p.BirthYear, p.BirthMonth, p.BirthDay, p.Disability, p.Schooling)).ToList();

    /// <summary>The commune and the old communes that went wholly into it (their households may not be re-homed yet).</summary>
    private async Task<List<int>> CommuneIdsAsync(AdminUnit commune, CancellationToken ct)
    {
        var ids = await db.AdminUnitLinks.AsNoTracking().Where(l => l.NewUnitId == commune.Id && l.Kind == SuccessionKind.Full).Select(l => l.OldUnitId).ToListAsync(ct);
        ids.Add(commune.Id);
        return ids;
    }

    private async Task<List<int>> CommuneIdsAsync(ReviewRound round, CancellationToken ct)
    {
        var commune = await db.AdminUnits.AsNoTracking().SingleAsync(u => u.Id == round.CommuneUnitId, ct);
        return await CommuneIdsAsync(commune, ct);
    }

    private void RequireRunner()
    {
        if (!CanRun(Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được thực hiện rà soát hộ nghèo.");
        }
    }

    private static void RequireOpen(ReviewRound round)
    {
        if (round.IsFrozen)
        {
            throw new RuleViolationException(FrozenMessage);
        }
    }

}
