using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AnSinh.Registry.Households;

namespace AnSinh.Web.Audit;

/// <summary>One changed field of an audit event, in words: the field's Vietnamese name and the value before and after.</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>Whether an event wrote something, read sensitive data or printed a document, or was a sign-in or a refusal.</summary>
public enum AuditKind
{
    Write,
    Read,
    Access,
}

/// <summary>
/// The audit log in words (a pure catalogue, no database): the Vietnamese names of the kinds of
/// record, of the actions and of the fields, and the before/after JSON of an event turned into a
/// list of field changes with Vietnamese values. Unknown fields get a humanised name; identifiers
/// are shown as the readable key the caller resolved, otherwise as a short "#id", never as a GUID.
/// </summary>
public static partial class AuditWords
{
    /// <summary>Who did it, in words: the user name, or who acted without one (a refused sign-in, the system's own jobs).</summary>
    public static string UserText(string userName) => userName switch
    {
        "anonymous" => "Chưa đăng nhập",
        "system" => "Hệ thống",
        _ => userName,
    };

    /// <summary>Shown for a value that is absent or empty.</summary>
    public const string Empty = "—";

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Vietnam's time zone: UTC+7 all year (no daylight saving).</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private static readonly Dictionary<string, string> Entities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["household"] = "Hộ gia đình",
        ["households"] = "Hộ gia đình",
        ["person"] = "Nhân khẩu",
        ["persons"] = "Nhân khẩu",
        ["fund"] = "Quỹ",
        ["fund_entry"] = "Bút toán quỹ",
        ["fund_entries"] = "Bút toán quỹ",
        ["user"] = "Người dùng",
        ["admin_unit"] = "Đơn vị hành chính",
        ["village"] = "Thôn, tổ dân phố",
        ["review_round"] = "Đợt rà soát",
        ["review_household"] = "Hộ trong đợt rà soát",
        ["review_meeting"] = "Cuộc họp bình xét",
        ["review_complaint"] = "Khiếu nại rà soát",
        ["poverty_standard"] = "Chuẩn nghèo",
        ["poverty_score_point"] = "Điểm chấm chuẩn nghèo",
        ["public_holiday"] = "Ngày nghỉ lễ",
        ["attachment"] = "Tệp đính kèm",
        ["beneficiary"] = "Đối tượng bảo trợ xã hội",
        ["dossier"] = "Hồ sơ trợ giúp",
        ["payroll"] = "Danh sách chi trả",
        ["card_batch"] = "Đợt cấp thẻ BHYT",
        ["health_cards"] = "Thẻ BHYT",
        ["gift_campaign"] = "Đợt tặng quà",
        ["president_gift_list"] = "Danh sách quà của Chủ tịch nước",
        ["relief_case"] = "Hồ sơ cứu trợ",
        ["relief_event"] = "Đợt cứu trợ",
        ["housing_work"] = "Công trình nhà ở",
        ["helper_assignment"] = "Phân công giúp đỡ",
        ["target"] = "Chỉ tiêu",
        ["social_report"] = "Báo cáo",
        ["program_record"] = "Hồ sơ chương trình",
        ["benefit_base_level"] = "Mức chuẩn trợ giúp",
        ["benefit_merit_rate"] = "Mức trợ cấp người có công",
        ["benefit_parameters"] = "Tham số chế độ",
        ["benefit_card_groups"] = "Nhóm thẻ BHYT",
        ["benefit_gift_levels"] = "Mức quà tặng",
        ["benefit_relief_rates"] = "Mức cứu trợ",
    };

    /// <summary>Actions whose words are not "verb + kind of record".</summary>
    private static readonly Dictionary<string, string> Actions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["read.sensitive"] = "Xem thông tin nhạy cảm của",
        ["access.denied"] = "Bị từ chối truy cập",
        ["auth.signin"] = "Đăng nhập",
        ["auth.failed"] = "Đăng nhập không thành công",
        ["user.reset_password"] = "Đặt lại mật khẩu của người dùng",
        ["user.2fa.enable"] = "Bật xác thực hai lớp của người dùng",
        ["user.2fa.disable"] = "Tắt xác thực hai lớp của người dùng",
        ["import.households"] = "Nhập hộ gia đình từ tệp",
        ["import.households.commune"] = "Nhập hộ gia đình từ tệp vào xã",
        ["registry.seed"] = "Tạo dữ liệu mẫu hộ gia đình",
        ["rehoming.auto"] = "Chuyển hộ sang đơn vị hành chính mới",
        ["admin_units.load"] = "Nạp danh mục đơn vị hành chính",
        ["public_holidays.load"] = "Nạp danh sách ngày nghỉ lễ",
        ["poverty_standards.load"] = "Nạp chuẩn nghèo",
        ["poverty_score_table.loaded"] = "Nạp bảng điểm chuẩn nghèo",
        ["poverty.certificate_issued"] = "In giấy chứng nhận hộ nghèo, cận nghèo cho",
        ["review_request.screened_out"] = "Loại khỏi danh sách rà soát",
        ["review_round.classified"] = "Phân loại hộ trong đợt rà soát",
        ["review_round.decided"] = "Ra quyết định đợt rà soát",
        ["export.poverty_statistics"] = "Xuất thống kê hộ nghèo",
        ["export.households"] = "Xuất danh sách hộ gia đình",
        ["export.persons"] = "Xuất danh sách nhân khẩu",
        ["fund.create"] = "Lập quỹ",
        ["fund.receipt"] = "Ghi phiếu thu vào quỹ",
        ["fund.receipt_import"] = "Nhập phiếu thu từ tệp vào quỹ",
        ["fund.spending"] = "Ghi phiếu chi của quỹ",
        ["fund.reversal"] = "Ghi bút toán đảo của quỹ",
        ["fund.allocation"] = "Phân bổ tiền của quỹ",
        ["fund.campaign_create"] = "Mở đợt vận động của quỹ",
        ["fund.opening_balance"] = "Ghi số dư đầu kỳ của quỹ",
        ["fund.close_month"] = "Khoá sổ tháng của quỹ",
        ["fund.close_year"] = "Khoá sổ năm của quỹ",
        ["fund.publish"] = "Công khai tài chính của quỹ",
        ["fund.self_inspection"] = "Tự kiểm tra quỹ",
        ["fund.voucher_printed"] = "In chứng từ của quỹ",
        ["beneficiary.end"] = "Thôi hưởng trợ cấp của",
        ["beneficiary.list_read"] = "Xem danh sách đối tượng bảo trợ xã hội",
        ["beneficiary.demo_seed"] = "Tạo dữ liệu mẫu đối tượng bảo trợ xã hội",
        ["dossier.file"] = "Nộp hồ sơ trợ giúp",
        ["dossier.review"] = "Thẩm định hồ sơ trợ giúp",
        ["dossier.decide"] = "Quyết định hồ sơ trợ giúp",
        ["dossier.post"] = "Niêm yết hồ sơ trợ giúp",
        ["dossier.complaint"] = "Ghi khiếu nại về hồ sơ trợ giúp",
        ["dossier.complaint_answer"] = "Trả lời khiếu nại về hồ sơ trợ giúp",
        ["dossier.list_read"] = "Xem danh sách hồ sơ trợ giúp",
        ["payroll.compute"] = "Lập danh sách chi trả",
        ["payroll.approve"] = "Duyệt danh sách chi trả",
        ["payroll.pay"] = "Ghi đã chi trả danh sách",
        ["payroll.changes_read"] = "Xem biến động danh sách chi trả",
        ["health_cards.issue"] = "Cấp thẻ BHYT theo đợt",
        ["health_cards.batch_read"] = "Xem đợt cấp thẻ BHYT",
        ["health_cards.entitled_read"] = "Xem danh sách được cấp thẻ BHYT",
        ["health_cards.entitlement_read"] = "Xem quyền được cấp thẻ BHYT của",
        ["health_cards.expiring_read"] = "Xem danh sách thẻ BHYT sắp hết hạn",
        ["gift_campaign.allocate"] = "Phân bổ quà của đợt tặng quà",
        ["gift_campaign.mobilise"] = "Ghi vận động cho đợt tặng quà",
        ["gift_campaign.settle"] = "Quyết toán đợt tặng quà",
        ["gift_campaign.handout"] = "Trao quà cho",
        ["gift_campaign.list_read"] = "Xem danh sách nhận quà",
        ["president_gifts.compute"] = "Lập danh sách quà của Chủ tịch nước",
        ["president_gifts.deliver"] = "Ghi đã trao quà của Chủ tịch nước",
        ["president_gifts.read"] = "Xem danh sách quà của Chủ tịch nước",
        ["relief.event_create"] = "Mở đợt cứu trợ",
        ["relief.propose"] = "Đề xuất cứu trợ",
        ["relief.decide"] = "Quyết định cứu trợ",
        ["relief.paid_from_fund"] = "Chi cứu trợ từ quỹ cho",
        ["housing.attach"] = "Đính kèm tệp cho công trình nhà ở",
        ["housing.funding"] = "Ghi nguồn vốn công trình nhà ở",
        ["housing.stage"] = "Ghi tiến độ công trình nhà ở",
        ["housing.visit"] = "Ghi lần kiểm tra công trình nhà ở",
        ["helper.assign"] = "Phân công giúp đỡ",
        ["helper.activity"] = "Ghi hoạt động giúp đỡ",
        ["report.approve"] = "Duyệt báo cáo",
        ["target.set"] = "Đặt chỉ tiêu",
        ["target.change"] = "Điều chỉnh chỉ tiêu",
        ["benefit_base_level.add"] = "Thêm mức chuẩn trợ giúp",
        ["benefit_base_level.confirm"] = "Xác nhận mức chuẩn trợ giúp",
        ["benefit_merit_table.add"] = "Thêm bảng mức trợ cấp người có công",
        ["benefit_parameters.load"] = "Nạp tham số chế độ",
    };

    private static readonly Dictionary<string, string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["create"] = "Thêm",
        ["update"] = "Sửa",
        ["delete"] = "Xoá",
        ["read"] = "Xem",
        ["end"] = "Kết thúc",
    };

    /// <summary>Field names, by property name (any entity), case-insensitive.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Code"] = "Mã",
        ["Name"] = "Tên",
        ["Address"] = "Địa chỉ",
        ["VillageName"] = "Thôn, tổ dân phố",
        ["Village"] = "Thôn, tổ dân phố",
        ["HeadName"] = "Chủ hộ",
        ["HeadPersonId"] = "Chủ hộ",
        ["HouseholdId"] = "Hộ gia đình",
        ["PersonId"] = "Nhân khẩu",
        ["Status"] = "Tình trạng",
        ["RegisteredOn"] = "Ngày đăng ký",
        ["IsUrban"] = "Thành thị",
        ["CommuneCode"] = "Mã xã",
        ["ProvinceCode"] = "Mã tỉnh",
        ["UnitCode"] = "Mã đơn vị",
        ["FullName"] = "Họ và tên",
        ["Sex"] = "Giới tính",
        ["BirthYear"] = "Năm sinh",
        ["BirthMonth"] = "Tháng sinh",
        ["BirthDay"] = "Ngày sinh",
        ["NationalId"] = "Số định danh cá nhân",
        ["EthnicityCode"] = "Dân tộc",
        ["Ethnicity"] = "Dân tộc",
        ["Relationship"] = "Quan hệ với chủ hộ",
        ["Occupation"] = "Nghề nghiệp",
        ["Schooling"] = "Trình độ học vấn",
        ["Disability"] = "Mức độ khuyết tật",
        ["DeathDate"] = "Ngày mất",
        ["LeftOn"] = "Ngày chuyển đi",
        ["MovedToCommuneCode"] = "Chuyển đến xã",
        ["Reason"] = "Lý do",
        ["Date"] = "Ngày",
        ["On"] = "Ngày",
        ["Year"] = "Năm",
        ["Month"] = "Tháng",
        ["Amount"] = "Số tiền",
        ["Rows"] = "Số dòng",
        ["Count"] = "Số lượng",
        ["Households"] = "Số hộ",
        ["Persons"] = "Số người",
        ["Fields"] = "Thông tin",
        ["Filter"] = "Bộ lọc",
        ["User"] = "Người dùng",
        ["UserName"] = "Tên đăng nhập",
        ["Role"] = "Vai trò",
        ["Scope"] = "Phạm vi",
        ["ScopeUnitCode"] = "Phạm vi",
        ["Intact"] = "Chuỗi bút toán nguyên vẹn",
        ["CountedCash"] = "Tiền mặt kiểm đếm",
        ["Cash"] = "Tiền mặt theo sổ",
        ["CountedBank"] = "Tiền gửi theo sao kê",
        ["Bank"] = "Tiền gửi theo sổ",
        ["Anomalies"] = "Số điểm bất thường",
        ["CampaignId"] = "Đợt vận động",
        ["FundId"] = "Quỹ",
        ["VoucherNumber"] = "Số chứng từ",
        ["Donor"] = "Người ủng hộ",
        ["Category"] = "Loại chi",
        ["Kind"] = "Loại",
        ["Title"] = "Tiêu đề",
        ["Note"] = "Ghi chú",
        ["Description"] = "Mô tả",
        ["FileName"] = "Tên tệp",
        ["Sha256"] = "Mã băm tệp",
        ["Target"] = "Chỉ tiêu",
        ["Value"] = "Giá trị",
        ["Holiday"] = "Ngày lễ",
        ["From"] = "Từ ngày",
        ["To"] = "Đến ngày",
        ["Score"] = "Điểm",
        ["Classification"] = "Phân loại",
        ["Decision"] = "Quyết định",
        ["Answer"] = "Trả lời",
        ["Phone"] = "Số điện thoại",
        ["Email"] = "Thư điện tử",
        ["Locked"] = "Bị khoá",
        ["Period"] = "Kỳ",
        ["Succeeded"] = "Số dòng đã ghi",
        ["Failed"] = "Số dòng lỗi",
        ["Mode"] = "Cách nhập",
        ["File"] = "Tệp",
    };

    /// <summary>Properties that are keys, search copies or counters: never shown as a change.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase)
    {
        "Id", "Version", "CreatedAt", "HeadPersonId", "CommuneUnitId", "VillageId", "AddressSearch", "HeadSearch", "SearchName", "GivenSearch", "SortKey",
        "NameSearch", "PreviousHash", "Hash", "ConcurrencyStamp", "SecurityStamp", "PasswordHash", "NormalizedUserName", "NormalizedEmail",
    };

    /// <summary>Money fields: amounts in đồng.</summary>
    private static readonly HashSet<string> Money = new(StringComparer.OrdinalIgnoreCase)
    {
        "Amount", "Cash", "Bank", "CountedCash", "CountedBank", "CashBalance", "BankBalance", "GoodsBalance", "Raised", "Allocated", "Spent",
        "Received", "Total", "BaseLevel", "MonthlyAmount",
    };

    private static readonly Dictionary<string, Dictionary<long, string>> Enums = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Sex"] = new() { [(long)Sex.Male] = "Nam", [(long)Sex.Female] = "Nữ" },
        ["Relationship"] = new()
        {
            [(long)Relationship.Head] = "Chủ hộ",
            [(long)Relationship.Spouse] = "Vợ/chồng",
            [(long)Relationship.Child] = "Con",
            [(long)Relationship.Parent] = "Bố/mẹ",
            [(long)Relationship.Grandchild] = "Cháu",
            [(long)Relationship.Other] = "Khác",
        },
        ["Disability"] = new()
        {
            [(long)DisabilityLevel.None] = "Không khuyết tật",
            [(long)DisabilityLevel.Mild] = "Khuyết tật nhẹ",
            [(long)DisabilityLevel.Severe] = "Khuyết tật nặng",
            [(long)DisabilityLevel.ParticularlySevere] = "Khuyết tật đặc biệt nặng",
        },
        ["household.Status"] = new() { [(long)HouseholdStatus.Active] = "Đang hoạt động", [(long)HouseholdStatus.Dissolved] = "Đã giải thể" },
        ["person.Status"] = new() { [(long)PersonStatus.Resident] = "Đang cư trú", [(long)PersonStatus.MovedAway] = "Đã chuyển đi", [(long)PersonStatus.Deceased] = "Đã mất" },
    };

    /// <summary>Vietnamese name of a kind of record ("household" → "Hộ gia đình").</summary>
    public static string EntityName(string entityType) =>
        Entities.TryGetValue(entityType, out var name) ? name : Humanise(entityType);

    /// <summary>The action in words, without the record ("household.update" → "Sửa hộ gia đình").</summary>
    public static string ActionText(string action, string entityType)
    {
        if (Actions.TryGetValue(action, out var words))
        {
            return words.EndsWith(" của", StringComparison.Ordinal) || words.EndsWith(" cho", StringComparison.Ordinal) || words.EndsWith(" truy cập", StringComparison.Ordinal)
                ? words + " " + LowerFirst(EntityName(entityType))
                : words;
        }
        var dot = action.LastIndexOf('.');
        var verb = dot < 0 ? action : action[(dot + 1)..];
        var entity = LowerFirst(EntityName(entityType));
        if (Verbs.TryGetValue(verb, out var v))
        {
            return v + " " + entity;
        }
        if (verb.EndsWith("read", StringComparison.OrdinalIgnoreCase))
        {
            return "Xem " + entity;
        }
        return EntityName(entityType) + ": " + LowerFirst(Humanise(verb));
    }

    /// <summary>Every action the catalogue names, for the action filter (code, words).</summary>
    public static IReadOnlyList<(string Action, string Text)> KnownActions()
    {
        var list = new List<(string, string)>();
        foreach (var type in new[] { "household", "person", "review_round", "review_household", "review_meeting", "review_complaint", "poverty_standard", "public_holiday", "attachment" })
        {
            foreach (var verb in new[] { "create", "update", "delete" })
            {
                list.Add(($"{type}.{verb}", ActionText($"{type}.{verb}", type)));
            }
        }
        foreach (var (a, words) in Actions)
        {
            // The list names no record: "Xem thông tin nhạy cảm của" → "Xem thông tin nhạy cảm".
            list.Add((a, words.EndsWith(" của", StringComparison.Ordinal) ? words[..^4] : words.EndsWith(" cho", StringComparison.Ordinal) ? words[..^4] : words));
        }
        return list.DistinctBy(a => a.Item1).OrderBy(a => a.Item2, StringComparer.Create(Vi, false)).ToList();
    }

    /// <summary>Reads of sensitive data and printed documents, sign-ins and refusals are not writes.</summary>
    public static AuditKind Kind(string action) =>
        action.StartsWith("auth.", StringComparison.Ordinal) || action.StartsWith("access.", StringComparison.Ordinal) ? AuditKind.Access
        : action.StartsWith("read.", StringComparison.Ordinal) || action.EndsWith("read", StringComparison.Ordinal) || action.StartsWith("export.", StringComparison.Ordinal)
            || action == "fund.voucher_printed" || action == "poverty.certificate_issued" ? AuditKind.Read
        : AuditKind.Write;

    /// <summary>The UTC time of an event as Vietnam's clock showed it, "dd/MM/yyyy HH:mm".</summary>
    public static string VietnamTime(DateTime utc) => ToVietnam(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    public static DateTime ToVietnam(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) + VietnamOffset;

    /// <summary>A record's label when no readable key is stored: a short "#id", never a whole GUID.</summary>
    public static string ShortId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "";
        }
        return Guid.TryParse(id, out var g) ? "#" + g.ToString("N")[..6] : "#" + (id.Length > 12 ? id[..12] + "…" : id);
    }

    /// <summary>
    /// The changes of an event in words: one row per field present before or after (keys and search
    /// copies left out, unchanged fields left out). <paramref name="nameOf"/> gives the readable key of
    /// an identifier (a household's code, a person's name) where the caller knows it.
    /// </summary>
    public static IReadOnlyList<FieldChange> Describe(string entityType, string? beforeJson, string? afterJson, Func<string, string?>? nameOf = null)
    {
        var before = Parse(beforeJson);
        var after = Parse(afterJson);
        var keys = before.Keys.Concat(after.Keys.Where(k => !before.ContainsKey(k))).ToList();
        var result = new List<FieldChange>();
        foreach (var key in keys)
        {
            if (Hidden.Contains(key))
            {
                continue;
            }
            var b = before.TryGetValue(key, out var bv) ? Value(entityType, key, bv, nameOf) : Empty;
            var a = after.TryGetValue(key, out var av) ? Value(entityType, key, av, nameOf) : Empty;
            if (beforeJson is not null && afterJson is not null && b == a)
            {
                continue;
            }
            result.Add(new FieldChange(FieldName(key), b, a));
        }
        return result;
    }

    /// <summary>Vietnamese name of a field; an unknown one humanised ("CountedGoods" → "Counted goods").</summary>
    public static string FieldName(string key) => Fields.TryGetValue(key, out var name) ? name : Humanise(key);

    private static Dictionary<string, JsonElement> Parse(string? json)
    {
        var map = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(json))
        {
            return map;
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    map[p.Name] = p.Value.Clone();
                }
            }
            else
            {
                map["Details"] = doc.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            map["Details"] = JsonDocument.Parse(JsonSerializer.Serialize(json)).RootElement.Clone();
        }
        return map;
    }

    private static string Value(string entityType, string key, JsonElement v, Func<string, string?>? nameOf)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return Empty;
            case JsonValueKind.True:
                return "Có";
            case JsonValueKind.False:
                return "Không";
            case JsonValueKind.Number when v.TryGetInt64(out var n):
                if ((Enums.TryGetValue(entityType + "." + key, out var names) || Enums.TryGetValue(key, out names)) && names.TryGetValue(n, out var named))
                {
                    return named;
                }
                return Money.Contains(key) ? Dong(n) : n.ToString(CultureInfo.InvariantCulture);
            case JsonValueKind.Number:
                return v.GetDecimal().ToString("#,##0.###", Vi);
            case JsonValueKind.Array:
                var items = v.EnumerateArray().Select(e => string.Equals(key, "Fields", StringComparison.OrdinalIgnoreCase) && e.ValueKind == JsonValueKind.String
                    ? FieldName(e.GetString()!) : Value(entityType, key, e, nameOf)).ToList();
                return items.Count == 0 ? Empty : string.Join(", ", items);
            case JsonValueKind.Object:
                var parts = v.EnumerateObject().Where(p => !Hidden.Contains(p.Name)).Select(p => FieldName(p.Name) + ": " + Value(entityType, p.Name, p.Value, nameOf)).ToList();
                return parts.Count == 0 ? Empty : string.Join("; ", parts);
        }
        var s = v.GetString() ?? "";
        if (s.Length == 0)
        {
            return Empty;
        }
        if (s == "***")
        {
            return "(ẩn)";
        }
        if (CodeLike().IsMatch(s) && AnSinh.Platform.Display.CodeNames.OfAnyKind(s) is { } codeName)
        {
            return codeName;
        }
        if ((key.Equals("EthnicityCode", StringComparison.OrdinalIgnoreCase) || key.Equals("Ethnicity", StringComparison.OrdinalIgnoreCase))
            && Ethnicities.All.FirstOrDefault(e => e.Code == s) is { } ethnicity)
        {
            return ethnicity.Name;
        }
        if (Guid.TryParse(s, out _))
        {
            return nameOf?.Invoke(s) ?? ShortId(s);
        }
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        }
        if (IsoTime().IsMatch(s) && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
        {
            return VietnamTime(t);
        }
        return s;
    }

    /// <summary>An amount in đồng the Vietnamese way: "1.500.000 đ".</summary>
    public static string Dong(long amount) => amount.ToString("#,##0", Vi) + " đ";

    /// <summary>"CountedGoods", "counted_goods" → "Counted goods".</summary>
    public static string Humanise(string code)
    {
        var sb = new StringBuilder();
        foreach (var c in code)
        {
            if (c is '_' or '.' or '-')
            {
                sb.Append(' ');
            }
            else if (char.IsUpper(c) && sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(sb.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }
        var text = sb.ToString().Trim();
        return text.Length == 0 ? code : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string LowerFirst(string s) =>
        s.Length == 0 || (s.Length > 1 && char.IsUpper(s[1])) ? s : char.ToLower(s[0], Vi) + s[1..];

    [GeneratedRegex(@"^[a-z][a-z0-9_.]*$")]
    private static partial Regex CodeLike();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoTime();
}
