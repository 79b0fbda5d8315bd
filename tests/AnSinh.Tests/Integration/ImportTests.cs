using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnSinh.Platform.Excel;
using AnSinh.Registry.Import;
using AnSinh.Tests.Infrastructure;

namespace AnSinh.Tests.Integration;

public sealed class ImportTests
{
    private const string Commune = "00004";

    private static byte[] Workbook(IEnumerable<object?[]> rows, IEnumerable<string>? headers = null)
    {
        var ms = new MemoryStream();
        using (var w = new XlsxWriter(ms, "Ho gia dinh"))
        {
            w.WriteHeader(headers ?? ImportTemplate.Headers);
            foreach (var r in rows)
            {
                w.WriteRow(r);
            }
        }
        return ms.ToArray();
    }

    private static object?[] Row(string code, string name, string sex, string birth, string? id, string relationship, string commune = Commune) =>
        [commune, code, "", "Số 7, phố Hàng Bông", name, sex, birth, id, "Kinh", relationship, "Làm ruộng", "12/12", "Không"];

    private static async Task<JsonElement> ImportAsync(HttpClient client, byte[] file, string mode, string fileName = "ho.xlsx")
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", fileName },
            { new StringContent(mode), "mode" },
        };
        var response = await client.PostAsync("/api/import/households", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString();
        for (var i = 0; i < 600; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}");
            var status = job.GetProperty("status").GetString();
            if (status is "succeeded" or "failed")
            {
                Assert.True(status == "succeeded", job.GetProperty("message").GetString());
                return job.GetProperty("result");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("import job did not finish");
    }

    private static async Task<int> CountAsync(HttpClient client, string q) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/persons?communeCode={Commune}&q={Uri.EscapeDataString(q)}")).GetProperty("total").GetInt32();

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_valid_file_imports_and_importing_it_again_duplicates_no_one(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.UserAsync("officer", Commune);
        var template = await client.GetAsync("/api/import/template.xlsx");
        using (var reader = XlsxReader.Open(new MemoryStream(await template.Content.ReadAsByteArrayAsync())))
        {
            Assert.Equal(ImportTemplate.Headers, reader.ReadRows().First().Values.Take(ImportTemplate.Headers.Length));
        }
        var tag = TestData.Unique("Nhập");
        var code1 = TestData.Unique("N");
        var code2 = TestData.Unique("N");
        var file = Workbook([
            Row(code1, $"Đinh Văn {tag}", "Nam", "1960", TestData.NationalId(true, 1960), "Chủ hộ"),
            Row(code1, $"Đinh Thị {tag}", "Nữ", "05/1962", TestData.NationalId(false, 1962), "Vợ/chồng"),
            Row(code2, $"Cao Văn {tag}", "male", "1988-02-29", TestData.NationalId(true, 1988), "head"),
        ]);
        var first = await ImportAsync(client, file, "all_or_nothing");
        Assert.Equal(3, first.GetProperty("rows").GetInt32());
        Assert.Equal(2, first.GetProperty("householdsWritten").GetInt32());
        Assert.Equal(3, first.GetProperty("personsWritten").GetInt32());
        Assert.Equal(3, await CountAsync(client, tag));

        var again = await ImportAsync(client, file, "all_or_nothing");
        Assert.Equal(0, again.GetProperty("householdsWritten").GetInt32());
        Assert.Equal(2, again.GetProperty("householdsAlreadyPresent").GetInt32());
        Assert.Equal(3, await CountAsync(client, tag));
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_nationwide_import_reaches_the_indicator_summaries_of_the_communes_it_wrote(string engine)
    {
        var app = TestApp.For(engine);
        var admin = await app.AdminAsync();
        var year = TestData.Today.Year;
        async Task<decimal> Households() =>
            (await admin.GetFromJsonAsync<JsonElement>($"/api/indicators?unitCode={Commune}&year={year}&indicator=households")).GetProperty("actual").GetDecimal();
        var before = await Households();
        var tag = TestData.Unique("Tổng");
        var result = await ImportAsync(admin, Workbook([Row(TestData.Unique("T"), $"Lò Văn {tag}", "Nam", "1970", TestData.NationalId(true, 1970), "Chủ hộ")]), "all_or_nothing");
        Assert.Equal(1, result.GetProperty("householdsWritten").GetInt32());
        Assert.Equal(before + 1, await Households());
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Rows_with_errors_are_listed_by_row_and_column_and_the_user_chooses_what_is_written(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.UserAsync("officer", Commune);
        var tag = TestData.Unique("Lỗi");
        var good = TestData.Unique("G");
        var bad = TestData.Unique("B");
        var dup = TestData.NationalId(true, 1970);
        var file = Workbook([
            Row(good, $"Tạ Văn {tag}", "Nam", "1970", dup, "Chủ hộ"),
            Row(bad, $"Tạ Văn Hai {tag}", "Nam", "1970", dup, "Chủ hộ"),                   // duplicated ID (row 3)
            Row(bad, $"Tạ Văn Con {tag}", "Nam", "2090", null, "Con"),                     // birth in the future (row 4)
            Row(TestData.Unique("X"), $"Tạ Văn Xa {tag}", "Nam", "1970", null, "Chủ hộ", "99999"), // unknown commune (row 5)
            Row(TestData.Unique("Y"), $"Tạ Văn Đôi {tag}", "Nam", "1970", null, "Con"),   // household without a head (row 6)
        ]);
        var check = await ImportAsync(client, file, "all_or_nothing");
        Assert.False(check.GetProperty("written").GetBoolean());
        var errors = check.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt32(), Column: e.GetProperty("column").GetString()!, Message: e.GetProperty("message").GetString()!)).ToList();
        Assert.Contains(errors, e => e.Row == 3 && e.Column.StartsWith('H') && e.Message.Contains("trùng với dòng 2", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Row == 4 && e.Column.StartsWith('G') && e.Message.Contains("tương lai", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Row == 5 && e.Column.StartsWith('A'));
        Assert.Contains(errors, e => e.Row == 6 && e.Message.Contains("chủ hộ", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync(client, tag));

        var partial = await ImportAsync(client, file, "valid_only");
        Assert.True(partial.GetProperty("written").GetBoolean());
        Assert.Equal(1, partial.GetProperty("householdsWritten").GetInt32());
        Assert.Equal(1, await CountAsync(client, tag));
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task An_id_number_already_in_the_register_keeps_its_new_household_out(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.UserAsync("officer", Commune);
        var tag = TestData.Unique("Có");
        var id = TestData.NationalId(true, 1965);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/households", new
        {
            communeCode = Commune,
            address = "Số 1",
            members = new[] { new { fullName = $"Lương Văn {tag}", sex = "male", birthDate = "1965", nationalId = id, relationship = "head" } },
        })).StatusCode);
        var other = TestData.Unique("O");
        var file = Workbook([
            Row(TestData.Unique("K"), $"Lương Văn Khác {tag}", "Nam", "1970", null, "Chủ hộ"),
            Row(other, $"Lương Thị Mới {tag}", "Nữ", "1968", null, "Chủ hộ"),
            Row(other, $"Lương Văn Trùng {tag}", "Nam", "1965", id, "Con"),
        ]);
        var result = await ImportAsync(client, file, "valid_only");
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(4, error.GetProperty("row").GetInt32());
        Assert.Contains("đã có trong sổ hộ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, result.GetProperty("householdsWritten").GetInt32()); // the other household is kept out whole
        Assert.Equal(2, await CountAsync(client, tag));
    }

    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task Damaged_and_foreign_files_are_refused_with_a_reason_and_write_nothing(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.UserAsync("officer", Commune);
        var tag = TestData.Unique("Hỏng");
        async Task<string> Summary(byte[] bytes) => (await ImportAsync(client, bytes, "valid_only")).GetProperty("summary").GetString()!;

        // A file the reader cannot open is refused at the upload (400), before any job.
        Assert.Contains(".xlsx", await RefusedAsync(client, "Họ và tên,Giới tính\nA,Nam"u8.ToArray()), StringComparison.Ordinal);
        var valid = Workbook([Row(TestData.Unique("D"), $"Lê Văn {tag}", "Nam", "1970", null, "Chủ hộ")]);
        Assert.Contains("hỏng", await RefusedAsync(client, valid[..(valid.Length / 2)]), StringComparison.Ordinal);
        Assert.Contains("Thiếu cột", await Summary(Workbook([], ["Mã xã", "Mã hộ"])), StringComparison.Ordinal);
        Assert.Contains("mẫu cần", await Summary(Workbook([], ImportTemplate.Headers.Select((h, i) => i == 4 ? "Tên" : h))), StringComparison.Ordinal);
        Assert.Contains("không có dòng dữ liệu", await Summary(Workbook([])), StringComparison.Ordinal);

        // A cell longer than the import's columns take (but within Excel's 32,767 characters) is the row's error.
        var longCell = await ImportAsync(client, ReplaceCell(Workbook([Row(TestData.Unique("L"), "x", "Nam", "1970", null, "Chủ hộ")]),
            $"<c r=\"E2\" t=\"inlineStr\"><is><t>{new string('a', 20_000)}</t></is></c>"), "valid_only");
        Assert.Contains("20,000", longCell.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        var legacy = await ImportAsync(client, Workbook([Row(TestData.Unique("T"), "NguyÔn V¨n Tr­êng", "Nam", "1970", null, "Chủ hộ")]), "valid_only");
        Assert.Contains("TCVN3", legacy.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        var formula = await ImportAsync(client, WithFormula(Workbook([Row(TestData.Unique("F"), $"Lê Văn {tag}", "Nam", "1970", null, "Chủ hộ")])), "valid_only");
        Assert.Contains("công thức", formula.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(client, tag));
    }

    /// <summary>
    /// A 409 KB workbook holding one 400 MB cell once took the server to 3.77 GB. The reader stops at
    /// Excel's 32,767 characters while streaming: a huge shared string is refused at the upload (400),
    /// a huge inline cell by the import job, with the same Vietnamese reason, and nothing is written.
    /// </summary>
    [Theory]
    [MemberData(nameof(Lanes.Engines), MemberType = typeof(Lanes))]
    public async Task A_workbook_with_a_cell_of_millions_of_characters_is_refused_with_a_reason(string engine)
    {
        var app = TestApp.For(engine);
        var client = await app.UserAsync("officer", Commune);
        using var shared = AnSinh.Tests.Unit.XlsxTests.HugeCellWorkbook(50_000_000, shared: true);
        var message = await RefusedAsync(client, shared.ToArray());
        Assert.Contains("dài hơn 32.767 ký tự", message, StringComparison.Ordinal);

        using var inline = AnSinh.Tests.Unit.XlsxTests.HugeCellWorkbook(50_000_000, shared: false);
        var result = await ImportAsync(client, inline.ToArray(), "valid_only");
        Assert.Contains("Ô B1 của tệp Excel dài hơn 32.767 ký tự", result.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, result.GetProperty("householdsWritten").GetInt32());
    }

    private static async Task<string> RefusedAsync(HttpClient client, byte[] file)
    {
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", "ho.xlsx" },
            { new StringContent("valid_only"), "mode" },
        };
        return await ApiResponses.FailsAsync(await client.PostAsync("/api/import/households", content), HttpStatusCode.BadRequest);
    }

    /// <summary>Turns the name cell of the first data row into a formula with a cached value.</summary>
    private static byte[] WithFormula(byte[] xlsx) =>
        ReplaceCell(xlsx, "<c r=\"E2\" t=\"str\"><f>CONCATENATE(\"Lê\",\" Văn\")</f><v>Lê Văn</v></c>");

    /// <summary>Replaces the name cell (E2) of the first data row with the given cell XML.</summary>
    private static byte[] ReplaceCell(byte[] xlsx, string cellXml)
    {
        var ms = new MemoryStream();
        ms.Write(xlsx);
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var r = new StreamReader(entry.Open()))
            {
                xml = r.ReadToEnd();
            }
            var at = xml.IndexOf("r=\"E2\"", StringComparison.Ordinal);
            var start = xml.LastIndexOf("<c ", at, StringComparison.Ordinal);
            var end = xml.IndexOf("</c>", at, StringComparison.Ordinal) + 4;
            xml = xml[..start] + cellXml + xml[end..];
            entry.Delete();
            using var w = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            w.Write(xml);
        }
        return ms.ToArray();
    }
}
