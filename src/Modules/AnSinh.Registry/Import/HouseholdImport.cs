using System.Security.Cryptography;
using System.Text.Json;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Jobs;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Platform.Text;
using AnSinh.Registry.Households;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Registry.Import;

public enum ImportMode
{
    /// <summary>Check only; write nothing.</summary>
    ValidateOnly,

    /// <summary>Write only when every row is valid.</summary>
    AllOrNothing,

    /// <summary>Write the households whose rows are all valid; skip the others.</summary>
    ValidOnly,
}

public sealed record ImportError(int Row, string Column, string Message);

public sealed record ImportResult(
    int Rows, int Households, int HouseholdsWritten, int PersonsWritten, int HouseholdsAlreadyPresent,
    int ErrorCount, IReadOnlyList<ImportError> Errors, int VillagesCreated, bool Written, string Summary);

/// <summary>The household-and-member template: one row per member, rows of a household together.</summary>
public static class ImportTemplate
{
    public static readonly string[] Headers =
    [
        "Mã xã", "Mã hộ", "Thôn/tổ dân phố", "Địa chỉ", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD",
        "Dân tộc", "Quan hệ với chủ hộ", "Nghề nghiệp", "Trình độ học vấn", "Mức độ khuyết tật",
    ];

    public const int Commune = 0, Code = 1, Village = 2, Address = 3, Name = 4, Sex = 5, Birth = 6, NationalId = 7,
        Ethnicity = 8, Relationship = 9, Occupation = 10, Schooling = 11, Disability = 12;

    public static readonly string[] Fields =
        ["communeCode", "code", "village", "address", "fullName", "sex", "birthDate", "nationalId", "ethnicity", "relationship", "occupation", "schooling", "disability"];

    public static void Write(Stream output)
    {
        using var w = new XlsxWriter(output, "Ho gia dinh");
        w.WriteHeader(Headers);
        w.WriteRow(["00004", "000001", "Tổ dân phố 1", "Số 12, ngõ 5", "Nguyễn Văn An", "Nam", "1975-03-12", "001075012345", "Kinh", "Chủ hộ", "Công nhân", "12/12", "Không"]);
        w.WriteRow(["00004", "000001", "Tổ dân phố 1", "Số 12, ngõ 5", "Trần Thị Bình", "Nữ", "1978", "001178012345", "Kinh", "Vợ/chồng", "Buôn bán", "9/12", "Không"]);
    }
}

public sealed class HouseholdImport(AnSinhDbContext db, ScopeResolver scopes, IRegistryBulkWriter bulk)
{
    public const int MaxCellLength = 2000;
    public const int MaxErrorsListed = 1000;
    private const int BatchHouseholds = 5000;

    private sealed class HouseholdInfo
    {
        public int FirstRow;
        public int LastRow;
        public int Heads;
        public int Rows;
        public bool Invalid;
        public bool Exists;
        public AdminUnit? Commune;
        public string Address = "";
        public string Village = "";
    }

    public async Task<ImportResult> RunAsync(Stream file, ImportMode mode, IJobProgress? progress, CancellationToken ct = default)
    {
        if (!Platform.Identity.Roles.CanEditRegister(db.Actor.Role))
        {
            throw new RuleViolationException("Vai trò của bạn không được nhập sổ hộ.");
        }
        var seekable = await EnsureSeekableAsync(file, ct);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(seekable, ct));
        seekable.Position = 0;
        var scope = await scopes.CurrentAsync(ct);
        var today = db.Today();
        var errors = new List<ImportError>();
        var errorCount = 0;
        var households = new Dictionary<(string Commune, string Code), HouseholdInfo>();
        var communes = new Dictionary<string, AdminUnit?>(StringComparer.Ordinal);
        var existingCodes = new Dictionary<int, HashSet<string>>();
        // 12-digit ID numbers kept as numbers: a million of them cost ~24 MB instead of ~75 MB as strings.
        var ids = new Dictionary<long, int>();
        var pendingIds = new List<(string Id, int Row, HouseholdInfo Household)>();
        var interned = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = 0;
        (string, string)? previousKey = null;

        void Error(int row, int column, string message)
        {
            errorCount++;
            if (errors.Count < MaxErrorsListed)
            {
                errors.Add(new ImportError(row, column < 0 ? "" : $"{XlsxReader.ColumnName(column)} ({ImportTemplate.Headers[column]})", message));
            }
        }

        // Pass 1: every row is checked before anything is written.
        using (var reader = XlsxReader.Open(seekable))
        {
            var headerSeen = false;
            foreach (var row in reader.ReadRows())
            {
                ct.ThrowIfCancellationRequested();
                if (!headerSeen)
                {
                    headerSeen = true;
                    CheckHeaders(row);
                    continue;
                }
                if (IsEmpty(row))
                {
                    continue;
                }
                rows++;
                if (rows % 5000 == 0 && progress is not null)
                {
                    await progress.ReportAsync(rows, 0, $"Đang kiểm tra: {rows:N0} dòng");
                }
                var rowOk = true;
                for (var c = 0; c < row.Values.Length; c++)
                {
                    if (row.HasFormula(c))
                    {
                        Error(row.Number, Math.Min(c, ImportTemplate.Headers.Length - 1), "Ô chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức.");
                        rowOk = false;
                    }
                    if (row[c] is { Length: > MaxCellLength } big)
                    {
                        Error(row.Number, Math.Min(c, ImportTemplate.Headers.Length - 1), $"Ô dài {big.Length:N0} ký tự, vượt giới hạn {MaxCellLength:N0}.");
                        rowOk = false;
                    }
                }
                if (!rowOk)
                {
                    MarkInvalid(row);
                    continue;
                }
                var communeCode = Intern((row[ImportTemplate.Commune] ?? "").Trim());
                var code = (row[ImportTemplate.Code] ?? "").Trim();
                var key = (communeCode, code);
                if (!households.TryGetValue(key, out var info))
                {
                    info = new HouseholdInfo { FirstRow = row.Number };
                    households[key] = info;
                    if (!communes.TryGetValue(communeCode, out var commune))
                    {
                        commune = await FindCommuneAsync(communeCode, today, ct);
                        communes[communeCode] = commune;
                    }
                    info.Commune = commune;
                    if (commune is null)
                    {
                        Error(row.Number, ImportTemplate.Commune, $"Mã xã \"{Cut(communeCode)}\" không có trong danh mục đơn vị hành chính.");
                        info.Invalid = true;
                    }
                    else if (!scope.Allows(commune.Id, commune.CurrentProvinceCode))
                    {
                        Error(row.Number, ImportTemplate.Commune, $"Xã {commune.Code} nằm ngoài phạm vi của bạn.");
                        info.Invalid = true;
                    }
                    if (code.Length is 0 or > 20)
                    {
                        Error(row.Number, ImportTemplate.Code, code.Length == 0 ? "Thiếu mã hộ." : "Mã hộ dài quá 20 ký tự.");
                        info.Invalid = true;
                    }
                    else if (commune is not null)
                    {
                        if (!existingCodes.TryGetValue(commune.Id, out var codes))
                        {
                            codes = (await db.Set<Household>().AsNoTracking().Where(h => h.CommuneUnitId == commune.Id).Select(h => h.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                            existingCodes[commune.Id] = codes;
                        }
                        info.Exists = codes.Contains(code);
                    }
                    info.Address = VietnameseText.Normalize(row[ImportTemplate.Address]);
                    if (PersonRules.CheckText(info.Address, "địa chỉ", PersonRules.MaxTextLength, required: true) is { } addressError)
                    {
                        Error(row.Number, ImportTemplate.Address, addressError);
                        info.Invalid = true;
                    }
                    info.Village = VietnameseText.Normalize(row[ImportTemplate.Village]);
                    if (PersonRules.CheckText(info.Village, "thôn/tổ dân phố", 200, required: false) is { } villageError)
                    {
                        Error(row.Number, ImportTemplate.Village, villageError);
                        info.Invalid = true;
                    }
                }
                else if (previousKey != key)
                {
                    Error(row.Number, ImportTemplate.Code, $"Các dòng của hộ {Cut(code)} (xã {Cut(communeCode)}) không liền nhau; hãy xếp các thành viên của một hộ cạnh nhau.");
                    info.Invalid = true;
                }
                previousKey = key;
                info.Rows++;
                info.LastRow = row.Number;

                var fieldErrors = new ValidationErrors();
                var member = MemberValidation.Validate(ToInput(row), "", today, fieldErrors);
                foreach (var (field, messages) in fieldErrors.ToDictionary())
                {
                    var column = Array.IndexOf(ImportTemplate.Fields, field);
                    foreach (var m in messages)
                    {
                        Error(row.Number, column, m);
                    }
                }
                if (member is null)
                {
                    info.Invalid = true;
                    continue;
                }
                if (member.Relationship == Relationship.Head)
                {
                    info.Heads++;
                }
                if (member.NationalId is { } id && !info.Exists)
                {
                    var idNumber = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
                    if (ids.TryGetValue(idNumber, out var firstRow))
                    {
                        Error(row.Number, ImportTemplate.NationalId, $"Số CCCD {id} trùng với dòng {firstRow}.");
                        info.Invalid = true;
                    }
                    else
                    {
                        ids[idNumber] = row.Number;
                        pendingIds.Add((id, row.Number, info));
                        if (pendingIds.Count >= 5000)
                        {
                            await CheckExistingIdsAsync(pendingIds, Error, ct);
                        }
                    }
                }
            }
            if (!headerSeen)
            {
                throw new InputValidationException("file", "Tệp trống: không có dòng tiêu đề và không có dữ liệu.");
            }
        }
        await CheckExistingIdsAsync(pendingIds, Error, ct);
        if (rows == 0)
        {
            throw new InputValidationException("file", "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề.");
        }
        foreach (var (key, info) in households)
        {
            if (info.Exists || info.Invalid)
            {
                continue;
            }
            if (MemberValidation.CheckOneHead(Enumerable.Repeat(Relationship.Head, info.Heads)) is { } headError)
            {
                Error(info.FirstRow, ImportTemplate.Relationship, $"Hộ {Cut(key.Code)}: {headError}");
                info.Invalid = true;
            }
        }
        errors.Sort((a, b) => a.Row.CompareTo(b.Row));

        var toWrite = households.Where(h => !h.Value.Exists && !h.Value.Invalid).ToDictionary(h => h.Key, h => h.Value);
        var present = households.Count(h => h.Value.Exists);
        var write = mode switch
        {
            ImportMode.ValidateOnly => false,
            ImportMode.AllOrNothing => errorCount == 0,
            _ => true,
        };
        if (!write || toWrite.Count == 0)
        {
            var why = mode == ImportMode.ValidateOnly ? "Chỉ kiểm tra, chưa ghi." : errorCount > 0 ? "Có lỗi nên không ghi gì (chế độ tất cả hoặc không)." : "Không có hộ mới để ghi.";
            return new ImportResult(rows, households.Count, 0, 0, present, errorCount, errors, 0, false,
                $"{rows:N0} dòng, {households.Count:N0} hộ, {errorCount:N0} lỗi, {present:N0} hộ đã có. {why}");
        }

        // Pass 2: build and write in one transaction, set-based.
        seekable.Position = 0;
        var writtenHouseholds = 0;
        var writtenPersons = 0;
        var villagesCreated = 0;
        await using var tx = await db.BeginWriteAsync(ct);
        villagesCreated = await EnsureVillagesAsync(toWrite.Values, ct);
        var villageIds = await VillageIdsAsync(toWrite.Values, ct);
        var batchHouseholds = new List<Household>(BatchHouseholds);
        var batchPersons = new List<Person>(BatchHouseholds * 4);
        Household? current = null;
        var touched = new HashSet<string>(StringComparer.Ordinal);
        (string, string)? currentKey = null;
        var nowUtc = db.Now();
        using (var reader = XlsxReader.Open(seekable))
        {
            var first = true;
            var done = 0;
            foreach (var row in reader.ReadRows())
            {
                if (first)
                {
                    first = false;
                    continue;
                }
                if (IsEmpty(row))
                {
                    continue;
                }
                done++;
                var key = ((row[ImportTemplate.Commune] ?? "").Trim(), (row[ImportTemplate.Code] ?? "").Trim());
                if (!toWrite.TryGetValue(key, out var info))
                {
                    continue;
                }
                if (currentKey != key)
                {
                    if (batchHouseholds.Count >= BatchHouseholds)
                    {
                        await FlushAsync();
                        if (progress is not null)
                        {
                            await progress.ReportAsync(done, rows, $"Đang ghi: {writtenPersons:N0} nhân khẩu");
                        }
                    }
                    var c = info.Commune!;
                    current = new Household
                    {
                        Id = Guid.CreateVersion7(),
                        Code = key.Item2,
                        CommuneUnitId = c.Id,
                        CommuneCode = c.Code,
                        ProvinceCode = c.CurrentProvinceCode,
                        VillageId = info.Village.Length == 0 ? null : villageIds.GetValueOrDefault((c.Id, VietnameseText.SearchKey(info.Village))),
                        VillageName = info.Village.Length == 0 ? null : info.Village,
                        Address = info.Address,
                        AddressSearch = VietnameseText.SearchKey(info.Address),
                        IsUrban = c.IsUrban,
                        // A household listed under a commune of the old map was there by that map's last day at the latest.
                        RegisteredOn = c.ValidTo is { } end && end < today ? end : today,
                        CreatedAt = nowUtc,
                    };
                    batchHouseholds.Add(current);
                    touched.Add(current.CommuneCode);
                    currentKey = key;
                }
                var member = MemberValidation.Validate(ToInput(row), "", today, new ValidationErrors())!;
                var person = HouseholdService.NewPerson(current!, member);
                batchPersons.Add(person);
                if (member.Relationship == Relationship.Head)
                {
                    HouseholdService.SetHead(current!, person);
                }
            }
        }
        await FlushAsync();
        db.Audit("import.households", "household", null, scope.Unit?.Code, after: new
        {
            file = hash,
            mode = mode.ToString(),
            rows,
            households = households.Count,
            writtenHouseholds,
            writtenPersons,
            alreadyPresent = present,
            errors = errorCount,
        });
        // One small event per commune written, so that what reads the log by unit (the indicator
        // summaries' catch-up) sees the communes an import of a whole province touched.
        foreach (var commune in touched.Order(StringComparer.Ordinal))
        {
            db.Audit("import.households.commune", "admin_unit", commune, commune, after: new { file = hash });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (progress is not null)
        {
            await progress.ReportAsync(rows, rows, "Đã ghi xong");
        }
        return new ImportResult(rows, households.Count, writtenHouseholds, writtenPersons, present, errorCount, errors, villagesCreated, true,
            $"Đã ghi {writtenHouseholds:N0} hộ, {writtenPersons:N0} nhân khẩu; {present:N0} hộ đã có từ trước nên bỏ qua; {errorCount:N0} lỗi.");

        async Task FlushAsync()
        {
            if (batchHouseholds.Count == 0)
            {
                return;
            }
            await bulk.WriteAsync(batchHouseholds, batchPersons, today, HouseholdEventKind.Imported, db.Actor.UserName, ct);
            writtenHouseholds += batchHouseholds.Count;
            writtenPersons += batchPersons.Count;
            batchHouseholds.Clear();
            batchPersons.Clear();
        }

        string Intern(string communeCode)
        {
            // A few hundred distinct commune codes repeat on every row: keep one copy of each.
            if (interned.TryGetValue(communeCode, out var known))
            {
                return known;
            }
            interned[communeCode] = communeCode;
            return communeCode;
        }

        void MarkInvalid(XlsxRow row)
        {
            var key = ((row[ImportTemplate.Commune] ?? "").Trim(), (row[ImportTemplate.Code] ?? "").Trim());
            if (!households.TryGetValue(key, out var info))
            {
                info = new HouseholdInfo { FirstRow = row.Number };
                households[key] = info;
            }
            info.Invalid = true;
            previousKey = key;
        }
    }

    private async Task<AdminUnit?> FindCommuneAsync(string code, DateOnly today, CancellationToken ct) =>
        await db.FindCommuneAsync(code, today, ct)
        // A register kept before 1 July 2025 may still name an old commune: it is recorded there and re-homed later.
        ?? await db.FindCommuneAsync(code, AdminMapSource.OldMapValidTo, ct);

    /// <summary>ID numbers of the file already in the register, checked a batch at a time; each row knows its household.</summary>
    private async Task CheckExistingIdsAsync(List<(string Id, int Row, HouseholdInfo Household)> pending, Action<int, int, string> error, CancellationToken ct)
    {
        if (pending.Count == 0)
        {
            return;
        }
        var values = pending.Select(p => p.Id).ToList();
        var found = (await db.Set<Person>().AsNoTracking().Where(p => p.NationalId != null && values.Contains(p.NationalId)).Select(p => p.NationalId!).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (id, row, household) in pending.Where(p => found.Contains(p.Id)))
        {
            error(row, ImportTemplate.NationalId, $"Số CCCD {id} đã có trong sổ hộ ở một hộ khác.");
            household.Invalid = true;
        }
        pending.Clear();
    }

    private async Task<int> EnsureVillagesAsync(IEnumerable<HouseholdInfo> infos, CancellationToken ct)
    {
        var wanted = infos.Where(i => i.Village.Length > 0).Select(i => (i.Commune!.Id, i.Village)).Distinct().ToList();
        var communeIds = wanted.Select(w => w.Id).Distinct().ToList();
        var existing = (await db.Villages.AsNoTracking().Where(v => communeIds.Contains(v.CommuneUnitId)).Select(v => new { v.CommuneUnitId, v.SearchName }).ToListAsync(ct))
            .Select(v => (v.CommuneUnitId, v.SearchName)).ToHashSet();
        var created = 0;
        foreach (var (communeId, name) in wanted)
        {
            if (existing.Add((communeId, VietnameseText.SearchKey(name))))
            {
                db.Villages.Add(new Village { CommuneUnitId = communeId, Name = name, SearchName = VietnameseText.SearchKey(name) });
                created++;
            }
        }
        await db.SaveChangesAsync(ct);
        return created;
    }

    private async Task<Dictionary<(int, string), int>> VillageIdsAsync(IEnumerable<HouseholdInfo> infos, CancellationToken ct)
    {
        var communeIds = infos.Select(i => i.Commune!.Id).Distinct().ToList();
        return (await db.Villages.AsNoTracking().Where(v => communeIds.Contains(v.CommuneUnitId)).ToListAsync(ct))
            .GroupBy(v => (v.CommuneUnitId, v.SearchName)).ToDictionary(g => g.Key, g => g.First().Id);
    }

    private static void CheckHeaders(XlsxRow header)
    {
        var errors = new ValidationErrors();
        for (var i = 0; i < ImportTemplate.Headers.Length; i++)
        {
            var expected = ImportTemplate.Headers[i];
            var actual = header[i];
            if (string.IsNullOrWhiteSpace(actual))
            {
                errors.Add("headers", $"Thiếu cột {XlsxReader.ColumnName(i)} \"{expected}\".");
            }
            else if (VietnameseText.SearchKey(actual) != VietnameseText.SearchKey(expected))
            {
                errors.Add("headers", $"Cột {XlsxReader.ColumnName(i)} có tiêu đề \"{Cut(actual)}\"; mẫu cần \"{expected}\". Hãy dùng tệp mẫu.");
            }
        }
        errors.ThrowIfAny();
    }

    private static bool IsEmpty(XlsxRow row) => row.Values.All(string.IsNullOrWhiteSpace);

    private static MemberInput ToInput(XlsxRow row) => new()
    {
        FullName = row[ImportTemplate.Name],
        Sex = row[ImportTemplate.Sex],
        BirthDate = BirthText(row[ImportTemplate.Birth]),
        NationalId = row[ImportTemplate.NationalId],
        Ethnicity = row[ImportTemplate.Ethnicity],
        Relationship = row[ImportTemplate.Relationship],
        Occupation = row[ImportTemplate.Occupation],
        Schooling = row[ImportTemplate.Schooling],
        Disability = row[ImportTemplate.Disability],
    };

    /// <summary>A number in a birth-date cell is a year (1880–2200) or an Excel date serial.</summary>
    private static string? BirthText(string? value)
    {
        if (value is null || !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return value;
        }
        if (n is >= 1880 and <= 2200 && n == Math.Floor(n))
        {
            return ((int)n).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (n is > 2200 and < 80000)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(n)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }
        return value;
    }

    private static async Task<Stream> EnsureSeekableAsync(Stream file, CancellationToken ct)
    {
        if (file.CanSeek)
        {
            file.Position = 0;
            return file;
        }
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await file.CopyToAsync(temp, ct);
        temp.Position = 0;
        return temp;
    }

    private static string Cut(string s) => s.Length > 40 ? s[..40] + "…" : s;
}

/// <summary>Runs an uploaded import in the background with progress (payload: file path and mode).</summary>
public sealed class HouseholdImportJob(HouseholdImport import) : IJobHandler
{
    public const string JobKind = "import.households";

    public sealed record Payload(string Path, ImportMode Mode, string FileName);

    public string Kind => JobKind;

    public async Task<string?> RunAsync(BackgroundJob job, IJobProgress progress, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<Payload>(job.Payload!)!;
        try
        {
            await using var file = File.OpenRead(payload.Path);
            var result = await import.RunAsync(file, payload.Mode, progress, ct);
            return JsonSerializer.Serialize(result, JsonSerializerOptions.Web);
        }
        catch (InputValidationException ex)
        {
            return JsonSerializer.Serialize(new ImportResult(0, 0, 0, 0, 0, ex.Errors.Sum(e => e.Value.Length),
                ex.Errors.SelectMany(e => e.Value.Select(v => new ImportError(0, "", v))).ToList(), 0, false, ex.Errors.SelectMany(e => e.Value).First()), JsonSerializerOptions.Web);
        }
        catch (XlsxFormatException ex)
        {
            return JsonSerializer.Serialize(new ImportResult(0, 0, 0, 0, 0, 1, [new ImportError(0, "", ex.Message)], 0, false, ex.Message), JsonSerializerOptions.Web);
        }
        finally
        {
            File.Delete(payload.Path);
        }
    }
}
