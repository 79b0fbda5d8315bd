using AnSinh.Platform.Errors;
using AnSinh.Platform.Persistence;
using AnSinh.Poverty.Classification;
using AnSinh.Poverty.Standards;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Web.Api;

public sealed record ClassifyRequest(DateOnly? Date, string? Area, long? IncomePerPersonMonthly, int? IncomeScore, List<string>? Deprivations, List<string>? UnknownIndicators);

public sealed record StandardView(string Code, DateOnly ValidFrom, DateOnly ValidTo, long RuralIncomeLine, long UrbanIncomeLine, long? RuralAverageUpper, long? UrbanAverageUpper,
    int PoorMinDeprivations, int RuralScoreThreshold, int UrbanScoreThreshold, IReadOnlyList<string> Indicators, string LegalSource, bool Provisional, string ProvisionalFields);

/// <summary>Poverty standards as dated data and the classifier (issue #3, first part).</summary>
public static class PovertyApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/poverty").RequireAuthorization().WithTags("Poverty");
        g.MapGet("/standards", async (AnSinhDbContext db, CancellationToken ct) =>
            (await db.Set<PovertyStandard>().AsNoTracking().OrderBy(s => s.ValidFrom).ToListAsync(ct)).Select(ToView));
        g.MapPut("/standards/{code}", async (string code, StandardInput input, ManageStandards manage, CancellationToken ct) =>
            ToView(await manage.UpdateAsync(code, input, ct)));
        g.MapPost("/standards", async (StandardInput input, ManageStandards manage, CancellationToken ct) =>
        {
            var s = await manage.AddAsync(input, ct);
            return TypedResults.Created($"/api/poverty/standards/{s.Code}", ToView(s));
        });
        // Form-B point tables (seven region columns) as data.
        g.MapGet("/standards/{code}/score-table", async (string code, ManageScoreTables tables, CancellationToken ct) => await tables.GetAsync(code, ct));
        g.MapPut("/standards/{code}/score-table", async (string code, ScoreTableInput input, ManageScoreTables tables, CancellationToken ct) =>
            await tables.LoadAsync(code, input, ct));
        g.MapPost("/standards/{code}/score-table.csv", async (string code, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? source, ManageScoreTables tables, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0 || file.Length > 2_000_000)
            {
                throw new InputValidationException("file", "Cần tệp CSV bảng điểm (tối đa 2 MB).");
            }
            using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8);
            var rows = ManageScoreTables.ParseCsv(await reader.ReadToEndAsync(ct));
            return await tables.LoadAsync(code, new ScoreTableInput(source, rows), ct);
        }).DisableAntiforgery();
        g.MapPost("/classify", async (ClassifyRequest r, AnSinhDbContext db, CancellationToken ct) =>
        {
            var errors = new ValidationErrors();
            if (r.Date is null)
            {
                errors.Add("date", "Thiếu ngày áp dụng.");
            }
            var urban = r.Area?.Trim().ToLowerInvariant() switch
            {
                "urban" or "thanh thi" => true,
                "rural" or "nong thon" => false,
                _ => (bool?)null,
            };
            if (urban is null)
            {
                errors.Add("area", "Khu vực phải là \"rural\" (nông thôn) hoặc \"urban\" (thành thị).");
            }
            errors.ThrowIfAny();
            var date = r.Date!.Value;
            var standard = await db.Set<PovertyStandard>().AsNoTracking().FirstOrDefaultAsync(s => s.ValidFrom <= date && s.ValidTo >= date, ct)
                ?? throw new InputValidationException("date", $"Không có chuẩn nghèo nào áp dụng cho ngày {date:dd/MM/yyyy}.");
            var input = new ClassificationInput(urban!.Value, r.IncomePerPersonMonthly, r.IncomeScore, r.Deprivations ?? [], r.UnknownIndicators);
            var problems = PovertyClassifier.Check(standard, input);
            if (problems.Count > 0)
            {
                throw new InputValidationException(problems.ToDictionary(p => p.Key, p => new[] { p.Value }));
            }
            var result = PovertyClassifier.Classify(standard, input);
            return new
            {
                classification = PovertyClassifier.Code(result.Class),
                standard = result.Standard,
                incomeLine = result.IncomeLine,
                deprivationCount = result.DeprivationCount,
                explanation = result.Explanation,
            };
        });
    }

    public static StandardView ToView(PovertyStandard s) => new(s.Code, s.ValidFrom, s.ValidTo, s.RuralIncomeLine, s.UrbanIncomeLine, s.RuralAverageUpper, s.UrbanAverageUpper,
        s.PoorMinDeprivations, s.RuralScoreThreshold, s.UrbanScoreThreshold, s.IndicatorList, s.LegalSource, s.IsProvisional, s.ProvisionalFields);
}
