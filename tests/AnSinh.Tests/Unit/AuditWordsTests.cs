using System.Text.RegularExpressions;
using AnSinh.Web.Audit;

namespace AnSinh.Tests.Unit;

public sealed partial class AuditWordsTests
{
    [Fact]
    public void A_household_correction_reads_as_its_fields_in_Vietnamese_before_and_after()
    {
        var changes = AuditWords.Describe("household",
            """{"Address":"Số 1, phố Cũ","AddressSearch":"so 1 pho cu","VillageId":7,"VillageName":"Thôn Đông","Version":1}""",
            """{"Address":"Số 18, phố Mới","AddressSearch":"so 18 pho moi","VillageId":8,"VillageName":"Thôn Tây","Version":2}""");

        Assert.Equal(
            [new FieldChange("Địa chỉ", "Số 1, phố Cũ", "Số 18, phố Mới"), new FieldChange("Thôn, tổ dân phố", "Thôn Đông", "Thôn Tây")],
            changes);
    }

    [Fact]
    public void Codes_and_enumerations_read_as_their_Vietnamese_names()
    {
        var changes = AuditWords.Describe("person",
            """{"Sex":1,"Relationship":3,"Disability":0,"Status":1,"EthnicityCode":"01","Occupation":null}""",
            """{"Sex":2,"Relationship":2,"Disability":2,"Status":3,"EthnicityCode":"03","Occupation":"Giáo viên"}""");

        Assert.Contains(new FieldChange("Giới tính", "Nam", "Nữ"), changes);
        Assert.Contains(new FieldChange("Quan hệ với chủ hộ", "Con", "Vợ/chồng"), changes);
        Assert.Contains(new FieldChange("Mức độ khuyết tật", "Không khuyết tật", "Khuyết tật nặng"), changes);
        Assert.Contains(new FieldChange("Tình trạng", "Đang cư trú", "Đã mất"), changes);
        Assert.Contains(new FieldChange("Dân tộc", "Kinh", "Thái"), changes);
        Assert.Contains(new FieldChange("Nghề nghiệp", AuditWords.Empty, "Giáo viên"), changes);
    }

    [Fact]
    public void A_household_status_is_named_as_a_households_status()
    {
        var changes = AuditWords.Describe("household", """{"Status":1}""", """{"Status":2}""");
        Assert.Equal([new FieldChange("Tình trạng", "Đang hoạt động", "Đã giải thể")], changes);
    }

    [Fact]
    public void A_new_record_shows_its_values_after_and_nothing_before_without_keys_or_search_copies()
    {
        var id = Guid.NewGuid().ToString();
        var head = Guid.NewGuid().ToString();
        var changes = AuditWords.Describe("household", null,
            $$"""{"Id":"{{id}}","Code":"000123","HeadPersonId":"{{head}}","HeadName":"Hồ Văn Mười","HeadSearch":"ho van muoi","RegisteredOn":"2026-12-03","IsUrban":false,"CreatedAt":"2026-12-03T09:15:00.000Z"}""");

        Assert.Equal(
            [
                new FieldChange("Mã", AuditWords.Empty, "000123"),
                new FieldChange("Chủ hộ", AuditWords.Empty, "Hồ Văn Mười"),
                new FieldChange("Ngày đăng ký", AuditWords.Empty, "03/12/2026"),
                new FieldChange("Thành thị", AuditWords.Empty, "Không"),
            ],
            changes);
    }

    [Fact]
    public void Identifiers_show_the_readable_key_the_caller_knows_else_a_short_id_never_a_guid()
    {
        var household = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();
        var names = new Dictionary<string, string> { [household] = "HGĐ 00004-000123" };
        var changes = AuditWords.Describe("person", $$"""{"HouseholdId":"{{household}}"}""", $$"""{"HouseholdId":"{{other}}"}""", id => names.GetValueOrDefault(id));

        var change = Assert.Single(changes);
        Assert.Equal("Hộ gia đình", change.Field);
        Assert.Equal("HGĐ 00004-000123", change.Before);
        Assert.Equal("#" + Guid.Parse(other).ToString("N")[..6], change.After);
        Assert.DoesNotMatch(GuidText(), change.After);
    }

    [Fact]
    public void Money_dates_times_and_booleans_are_written_the_Vietnamese_way()
    {
        var changes = AuditWords.Describe("fund", null,
            """{"on":"2026-12-03","Intact":true,"countedCash":1500000,"cash":1500000,"anomalies":2,"at":"2026-12-03T17:30:00.000Z"}""");

        Assert.Contains(new FieldChange("Ngày", AuditWords.Empty, "03/12/2026"), changes);
        Assert.Contains(new FieldChange("Chuỗi bút toán nguyên vẹn", AuditWords.Empty, "Có"), changes);
        Assert.Contains(new FieldChange("Tiền mặt kiểm đếm", AuditWords.Empty, "1.500.000 đ"), changes);
        Assert.Contains(new FieldChange("Số điểm bất thường", AuditWords.Empty, "2"), changes);
        // 17:30 UTC is half past midnight of the next day in Hà Nội.
        Assert.Contains(new FieldChange("At", AuditWords.Empty, "04/12/2026 00:30"), changes);
    }

    [Fact]
    public void Unknown_fields_get_a_humanised_name_and_nested_values_no_json()
    {
        var changes = AuditWords.Describe("program_record", null, """{"countedGoods_total":3,"filter":{"communeCode":"00004","village":"Thôn Tây"},"fields":["ethnicity","disability"]}""");

        Assert.Contains(new FieldChange("Counted goods total", AuditWords.Empty, "3"), changes);
        Assert.Contains(new FieldChange("Bộ lọc", AuditWords.Empty, "Mã xã: 00004; Thôn, tổ dân phố: Thôn Tây"), changes);
        Assert.Contains(new FieldChange("Thông tin", AuditWords.Empty, "Dân tộc, Mức độ khuyết tật"), changes);
        Assert.All(changes, c => Assert.DoesNotContain('{', c.After));
        Assert.All(changes, c => Assert.DoesNotContain('"', c.After));
    }

    [Fact]
    public void Hidden_values_stay_hidden_and_unchanged_fields_are_left_out()
    {
        var changes = AuditWords.Describe("user", """{"Secret":"***","Role":"officer"}""", """{"Secret":"***","Role":"inspector"}""");
        Assert.Equal([new FieldChange("Vai trò", "officer", "inspector")], changes);
        Assert.Equal("(ẩn)", Assert.Single(AuditWords.Describe("user", null, """{"Secret":"***"}""")).After);
    }

    [Fact]
    public void A_text_that_is_not_json_is_shown_as_it_is()
    {
        var change = Assert.Single(AuditWords.Describe("household", null, "tệp ho.xlsx"));
        Assert.Equal("tệp ho.xlsx", change.After);
    }

    [Theory]
    [InlineData("household.update", "household", "Sửa hộ gia đình")]
    [InlineData("person.create", "person", "Thêm nhân khẩu")]
    [InlineData("household.delete", "household", "Xoá hộ gia đình")]
    [InlineData("read.sensitive", "person", "Xem thông tin nhạy cảm của nhân khẩu")]
    [InlineData("access.denied", "household", "Bị từ chối truy cập hộ gia đình")]
    [InlineData("fund.self_inspection", "fund", "Tự kiểm tra quỹ")]
    [InlineData("beneficiary.read", "beneficiary", "Xem đối tượng bảo trợ xã hội")]
    [InlineData("something.new_thing", "widget_box", "Widget box: new thing")]
    public void Actions_read_as_Vietnamese_words(string action, string entityType, string words) =>
        Assert.Equal(words, AuditWords.ActionText(action, entityType));

    [Theory]
    [InlineData("household.update", AuditKind.Write)]
    [InlineData("fund.receipt", AuditKind.Write)]
    [InlineData("read.sensitive", AuditKind.Read)]
    [InlineData("payroll.changes_read", AuditKind.Read)]
    [InlineData("beneficiary.list_read", AuditKind.Read)]
    [InlineData("export.persons", AuditKind.Read)]
    [InlineData("fund.voucher_printed", AuditKind.Read)]
    [InlineData("auth.signin", AuditKind.Access)]
    [InlineData("access.denied", AuditKind.Access)]
    public void Reads_and_sign_ins_are_told_apart_from_writes(string action, AuditKind kind) =>
        Assert.Equal(kind, AuditWords.Kind(action));

    [Fact]
    public void Times_are_shown_on_Vietnams_clock()
    {
        Assert.Equal("03/12/2026 23:59", AuditWords.VietnamTime(new DateTime(2026, 12, 3, 16, 59, 0, DateTimeKind.Utc)));
        Assert.Equal("04/12/2026 00:00", AuditWords.VietnamTime(new DateTime(2026, 12, 3, 17, 0, 0, DateTimeKind.Utc)));
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidText();
}
