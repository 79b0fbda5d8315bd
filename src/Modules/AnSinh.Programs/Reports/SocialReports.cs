using System.Globalization;
using System.Text.Json;
using AnSinh.Benefits.Payroll;
using AnSinh.Platform.AdminUnits;
using AnSinh.Platform.Errors;
using AnSinh.Platform.Excel;
using AnSinh.Platform.Identity;
using AnSinh.Platform.Pdf;
using AnSinh.Platform.Persistence;
using AnSinh.Platform.Scoping;
using AnSinh.Poverty.Rounds;
using AnSinh.Programs.Indicators;
using AnSinh.Programs.Targets;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Programs.Reports;

public sealed record ReportRow(string Indicator, string Name, string Unit, decimal Value, decimal? Target, decimal? Percent);

public sealed record ReportSection(string Title, IReadOnlyList<ReportRow> Rows);

public sealed record ReportChildRow(string Code, string Name, decimal Households, decimal Poor, decimal PoorRate, decimal NearPoor, decimal NearPoorRate, decimal EscapedPoverty,
    decimal HousesBuilt, decimal HousesRepaired, decimal JobsCreated, decimal CardsIssued, decimal BenefitsPaid);

public sealed record YearPoint(int Year, decimal PoorRate, decimal NearPoorRate);

public sealed record SocialReport(string UnitCode, string UnitName, string Level, int Year, string Period, string PeriodName, string Map, DateOnly AsOf,
    string Status, IReadOnlyList<string> ProvisionalReasons, IReadOnlyList<ReportSection> Sections, IReadOnlyList<ReportChildRow> Children,
    IReadOnlyList<YearPoint> Series, DateTime? ComputedAt, string? DecisionNumber, DateTime? ApprovedAt, string? ApprovedBy);

public sealed record ApproveRequest(string? UnitCode, int? Year, string? Period, string? Map, string? DecisionNumber);

/// <summary>
/// The six-month and annual social-security report of a unit, built from the indicator summaries:
/// the structured version of what the seed articles narrate — poverty, policies, funds, housing,
/// jobs and loans — with targets and percent of plan, a table per commune, the rates over the years.
/// A report whose period is not over, or whose data is still being approved, is provisional; an
/// approved one is frozen and locks its period.
/// </summary>
public sealed class SocialReports(AnSinhDbContext db, IndicatorSummaries summaries, ScopeResolver scopes)
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private static readonly (string Title, string[] Indicators)[] Layout =
    [
        ("I. Giảm nghèo", [Catalogue.Households, Catalogue.PoorHouseholds, Catalogue.PoorRate, Catalogue.NearPoorHouseholds, Catalogue.NearPoorRate,
            Catalogue.PoorHouseholdsStart, Catalogue.PoorRateReduction, Catalogue.EscapedPoverty, Catalogue.NewlyPoor, Catalogue.HelpedHouseholds]),
        ("II. Chính sách người có công, bảo trợ xã hội, bảo hiểm y tế", [Catalogue.MeritPeople, Catalogue.SocialAssistancePeople, Catalogue.SocialPensionPeople, Catalogue.BenefitsPaid, Catalogue.CardsIssued,
            Catalogue.ReliefHouseholds, Catalogue.ReliefRiceKg, Catalogue.ReliefCash]),
        ("III. Quỹ \"Vì người nghèo\", cứu trợ", [Catalogue.FundReceipts, Catalogue.FundSpending, .. Catalogue.SpendingCategories.Select(c => Catalogue.FundSpendingPrefix + c.Category)]),
        ("IV. Nhà ở cho hộ nghèo, gia đình chính sách", [Catalogue.HousesBuilt, Catalogue.HousesRepaired, Catalogue.HousesInProgress]),
        ("V. Việc làm, đào tạo nghề, vay vốn", [Catalogue.JobsCreated, Catalogue.TrainedWorkers, Catalogue.LabourExport, Catalogue.Loans, Catalogue.LoanAmount]),
    ];

    public static bool CanApprove(Role role) => role is Role.Administrator or Role.Approver;

    public async Task<SocialReport> BuildAsync(string? unitCode, int? year, string? period, string? map, CancellationToken ct = default)
    {
        if (year is null)
        {
            throw new InputValidationException("year", "Cần năm báo cáo.");
        }
        var p = Targets.Targets.ParsePeriod(period);
        var todayMap = map?.Trim().ToLowerInvariant() == "today";
        var set = await summaries.ResolveAsync(unitCode, year.Value, p, todayMap, ct);
        await summaries.CheckScopeAsync(set, ct);
        var approved = await db.Set<ApprovedReport>().AsNoTracking().FirstOrDefaultAsync(r => r.UnitId == set.Unit.Id && r.Year == year && r.Period == p, ct);
        if (approved is not null)
        {
            var frozen = JsonSerializer.Deserialize<SocialReport>(approved.Content)!;
            return frozen with { Status = "final", ProvisionalReasons = [], DecisionNumber = approved.DecisionNumber, ApprovedAt = approved.ApprovedAt, ApprovedBy = approved.ApprovedBy };
        }
        return await ComputeAsync(set, year.Value, p, ct);
    }

    private async Task<SocialReport> ComputeAsync(UnitSet set, int year, ReportPeriod p, CancellationToken ct)
    {
        // The report's year and the years of its rates series, worked out together where a change marked them.
        var seriesFrom = Math.Max(2000, year - 5);
        await summaries.EnsureFreshAsync(set.Unit.CurrentProvinceCode, Enumerable.Range(seriesFrom, year - seriesFrom + 1).ToList(), ct);
        var values = await summaries.ReadAsync(set, year, p, checkScope: false, ct);
        var targets = await db.Set<Target>().AsNoTracking().Where(t => t.UnitCode == set.Unit.Code && t.Year == year).ToDictionaryAsync(t => t.Indicator, t => t.Value, ct);
        var sections = Layout.Select(s => new ReportSection(s.Title, s.Indicators.Select(code =>
        {
            var def = Catalogue.Find(code)!;
            var value = values.Get(code);
            decimal? target = targets.TryGetValue(code, out var t) ? t : null;
            return new ReportRow(code, def.Name, def.Unit, value, target, TargetRules.PercentOfPlan(target, value));
        }).ToList())).ToList();
        var children = set.Unit.Level == AdminLevel.Commune ? [] : (await summaries.ReadChildrenAsync(set, year, p, ct)).Select(c => new ReportChildRow(c.Code, c.Name,
            c.Values.GetValueOrDefault(Catalogue.Households), c.Values.GetValueOrDefault(Catalogue.PoorHouseholds), c.Values.GetValueOrDefault(Catalogue.PoorRate),
            c.Values.GetValueOrDefault(Catalogue.NearPoorHouseholds), c.Values.GetValueOrDefault(Catalogue.NearPoorRate), c.Values.GetValueOrDefault(Catalogue.EscapedPoverty),
            c.Values.GetValueOrDefault(Catalogue.HousesBuilt), c.Values.GetValueOrDefault(Catalogue.HousesRepaired), c.Values.GetValueOrDefault(Catalogue.JobsCreated),
            c.Values.GetValueOrDefault(Catalogue.CardsIssued), c.Values.GetValueOrDefault(Catalogue.BenefitsPaid))).ToList();
        var series = new List<YearPoint>();
        for (var y = seriesFrom; y <= year; y++)
        {
            var v = y == year ? values : await summaries.ReadAsync(set, y, ReportPeriod.Year, checkScope: false, ct);
            if (v.Get(Catalogue.Households) > 0)
            {
                series.Add(new YearPoint(y, v.Get(Catalogue.PoorRate), v.Get(Catalogue.NearPoorRate)));
            }
        }
        var reasons = await ProvisionalReasonsAsync(set, year, p, values.AsOf, ct);
        return new SocialReport(set.Unit.Code, set.Unit.FullName, set.Unit.Level.ToString().ToLowerInvariant(), year, Targets.Targets.PeriodCode(p), Targets.Targets.PeriodName(p, year),
            values.Map, values.AsOf, reasons.Count == 0 ? "unapproved" : "provisional", reasons, sections, children, series, values.ComputedAt, null, null, null);
    }

    private async Task<List<string>> ProvisionalReasonsAsync(UnitSet set, int year, ReportPeriod p, DateOnly asOf, CancellationToken ct)
    {
        var reasons = new List<string>();
        var end = IndicatorEngine.PeriodEnd(year, p);
        if (asOf < end)
        {
            reasons.Add($"Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày {asOf.ToString("dd/MM/yyyy", Vi)}.");
        }
        var ids = set.Ids.ToList();
        var from = new DateOnly(year, 1, 1);
        var openRounds = await db.Set<ReviewRound>().AsNoTracking().CountAsync(r => ids.Contains(r.CommuneUnitId) && r.StartedOn >= from && r.StartedOn <= end && r.DecidedOn == null, ct);
        if (openRounds > 0)
        {
            reasons.Add($"Còn {openRounds} đợt rà soát hộ nghèo trong kỳ chưa được phê duyệt.");
        }
        var draftRuns = await db.Set<PayrollRun>().AsNoTracking().CountAsync(r => ids.Contains(r.CommuneUnitId) && r.Month >= from && r.Month <= end && r.Status == PayrollStatus.Draft, ct);
        if (draftRuns > 0)
        {
            reasons.Add($"Còn {draftRuns} bảng chi trả trợ cấp trong kỳ chưa được duyệt.");
        }
        return reasons;
    }

    /// <summary>The approver approves the report: its figures are frozen as they are and records of this module dated in the period are locked.</summary>
    public async Task<SocialReport> ApproveAsync(ApproveRequest r, CancellationToken ct = default)
    {
        if (!CanApprove(db.Actor.Role))
        {
            throw new RuleViolationException("Chỉ lãnh đạo phê duyệt (hoặc quản trị hệ thống) được phê duyệt báo cáo.");
        }
        if (string.IsNullOrWhiteSpace(r.DecisionNumber) || r.DecisionNumber.Trim().Length > 60)
        {
            throw new InputValidationException("decisionNumber", "Cần số văn bản phê duyệt báo cáo (tối đa 60 ký tự).");
        }
        var report = await BuildAsync(r.UnitCode, r.Year, r.Period, r.Map, ct);
        if (report.Status == "final")
        {
            throw new RuleViolationException($"Báo cáo {report.PeriodName} của {report.UnitName} đã được phê duyệt ({report.DecisionNumber}).");
        }
        if (report.ProvisionalReasons.Count > 0)
        {
            throw new RuleViolationException("Chưa phê duyệt được: " + string.Join(" ", report.ProvisionalReasons));
        }
        var p = Targets.Targets.ParsePeriod(r.Period);
        var unit = await db.AdminUnits.AsNoTracking().FirstAsync(u => u.Code == report.UnitCode && (u.ValidTo == null || u.ValidTo >= report.AsOf) && (u.ValidFrom == null || u.ValidFrom <= report.AsOf), ct);
        var entry = new ApprovedReport
        {
            Id = Guid.CreateVersion7(),
            UnitId = unit.Id,
            UnitCode = unit.Code,
            UnitName = unit.FullName,
            ProvinceCode = unit.CurrentProvinceCode,
            Year = report.Year,
            Period = p,
            Map = report.Map,
            Content = JsonSerializer.Serialize(report),
            DecisionNumber = r.DecisionNumber.Trim(),
            ApprovedAt = db.Now(),
            ApprovedBy = db.Actor.UserName,
        };
        db.Add(entry);
        db.Audit("report.approve", "social_report", entry.Id.ToString(), unit.Code, after: new { entry.Year, period = report.Period, entry.Map, entry.DecisionNumber });
        await db.SaveChangesAsync(ct);
        return report with { Status = "final", DecisionNumber = entry.DecisionNumber, ApprovedAt = entry.ApprovedAt, ApprovedBy = entry.ApprovedBy };
    }

    private static string Number(decimal v, string unit) => unit is "%" or "điểm %" ? v.ToString("0.00", Vi) : v.ToString("N0", Vi);

    public static string StatusName(SocialReport r) => r.Status switch
    {
        "final" => $"Chính thức — đã phê duyệt ({r.DecisionNumber})",
        "provisional" => "Tạm tính — số liệu chưa chốt",
        _ => "Chưa phê duyệt",
    };

    public async Task XlsxAsync(Stream output, SocialReport r, CancellationToken ct)
    {
        await XlsxOutput.WriteAsync(output, "Báo cáo an sinh", w =>
        {
            w.WriteBoldRow([$"BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC AN SINH XÃ HỘI {r.PeriodName.ToUpper(Vi)}"]);
            w.WriteRow([$"Đơn vị: {r.UnitName} ({r.UnitCode}); số liệu đến ngày {r.AsOf.ToString("dd/MM/yyyy", Vi)}; {StatusName(r)}"]);
            foreach (var reason in r.ProvisionalReasons)
            {
                w.WriteRow([reason]);
            }
            w.WriteBoldRow(["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Kế hoạch năm", "% kế hoạch"]);
            foreach (var s in r.Sections)
            {
                w.WriteBoldRow([s.Title]);
                var n = 0;
                foreach (var row in s.Rows)
                {
                    w.WriteRow([++n, row.Name, row.Unit, row.Value, row.Target, row.Percent]);
                }
            }
            if (r.Children.Count > 0)
            {
                w.WriteRow([""]);
                w.WriteBoldRow(["Mã", "Đơn vị", "Số hộ", "Hộ nghèo", "Tỷ lệ hộ nghèo (%)", "Hộ cận nghèo", "Tỷ lệ cận nghèo (%)", "Thoát nghèo", "Nhà xây mới", "Nhà sửa chữa", "Việc làm", "Thẻ BHYT", "Chi trả trợ cấp (đồng)"]);
                foreach (var c in r.Children)
                {
                    w.WriteRow([c.Code, c.Name, c.Households, c.Poor, c.PoorRate, c.NearPoor, c.NearPoorRate, c.EscapedPoverty, c.HousesBuilt, c.HousesRepaired, c.JobsCreated, c.CardsIssued, c.BenefitsPaid]);
                }
            }
            if (r.Series.Count > 0)
            {
                w.WriteRow([""]);
                w.WriteBoldRow(["Năm", "Tỷ lệ hộ nghèo (%)", "Tỷ lệ hộ cận nghèo (%)"]);
                var first = w.RowCount + 1;
                foreach (var p in r.Series)
                {
                    w.WriteRow([p.Year.ToString(Vi), p.PoorRate, p.NearPoorRate]);
                }
                w.AddLineChart("Tỷ lệ hộ nghèo, cận nghèo qua các năm", first, w.RowCount, 0, [(1, "Tỷ lệ hộ nghèo"), (2, "Tỷ lệ hộ cận nghèo")], w.RowCount + 2);
            }
        }, ct);
    }

    public static byte[] Pdf(SocialReport r)
    {
        using var pdf = new PdfDocumentWriter($"Báo cáo an sinh xã hội {r.PeriodName} — {r.UnitName}");
        pdf.Centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 11, bold: true);
        pdf.Centered("Độc lập - Tự do - Hạnh phúc", 11);
        pdf.Space(10);
        pdf.Centered($"BÁO CÁO KẾT QUẢ THỰC HIỆN CÔNG TÁC AN SINH XÃ HỘI {r.PeriodName.ToUpper(Vi)}", 13, bold: true);
        pdf.Centered($"{r.UnitName} — số liệu đến ngày {r.AsOf.ToString("dd/MM/yyyy", Vi)}", 11);
        pdf.Centered(StatusName(r), 10, bold: r.Status != "final");
        foreach (var reason in r.ProvisionalReasons)
        {
            pdf.Paragraph(reason, 9);
        }
        foreach (var s in r.Sections)
        {
            pdf.Space(6);
            pdf.Paragraph(s.Title, 11, bold: true);
            pdf.Table(["Chỉ tiêu", "ĐVT", "Kết quả", "Kế hoạch", "% KH"], [230, 50, 90, 80, 50],
                s.Rows.Select(x => (IReadOnlyList<string>)[x.Name, x.Unit, Number(x.Value, x.Unit), x.Target is { } t ? Number(t, x.Unit) : "", x.Percent is { } pc ? pc.ToString("0.00", Vi) : ""]));
        }
        pdf.Space(6);
        if (r.Series.Count > 0)
        {
            pdf.BarChart("Tỷ lệ hộ nghèo, cận nghèo qua các năm (%)", r.Series.Select(p => p.Year.ToString(Vi)).ToList(),
                [("Hộ nghèo", r.Series.Select(p => (double)p.PoorRate).ToList()), ("Hộ cận nghèo", r.Series.Select(p => (double)p.NearPoorRate).ToList())],
                v => v.ToString("0.00", Vi));
        }
        var spending = r.Sections.SelectMany(x => x.Rows).Where(x => x.Indicator.StartsWith(Catalogue.FundSpendingPrefix, StringComparison.Ordinal) && x.Value != 0).ToList();
        if (spending.Count > 0)
        {
            pdf.BarChart("Chi quỹ theo loại (đồng)", spending.Select(x => x.Name.Replace("Quỹ: chi ", "", StringComparison.Ordinal)).ToList(),
                [("Đã chi", spending.Select(x => (double)x.Value).ToList())], v => v.ToString("N0", Vi));
        }
        var planned = r.Sections.SelectMany(x => x.Rows).Where(x => x.Percent is not null).ToList();
        if (planned.Count > 0)
        {
            pdf.BarChart("Kết quả so với kế hoạch (% kế hoạch; vạch đứt: 100 %)", planned.Select(x => x.Name).ToList(),
                [("% kế hoạch", planned.Select(x => (double)x.Percent!.Value).ToList())], v => v.ToString("0.00", Vi) + " %", reference: 100);
        }
        if (r.Children.Count > 0)
        {
            pdf.NewPage();
            pdf.Paragraph("Chi tiết theo đơn vị", 11, bold: true);
            pdf.Table(["Đơn vị", "Số hộ", "Hộ nghèo", "Tỷ lệ %", "Cận nghèo", "Thoát nghèo", "Nhà", "Việc làm"], [150, 55, 50, 45, 50, 50, 45, 55],
                r.Children.Select(c => (IReadOnlyList<string>)[c.Name, c.Households.ToString("N0", Vi), c.Poor.ToString("N0", Vi), c.PoorRate.ToString("0.00", Vi), c.NearPoor.ToString("N0", Vi),
                    c.EscapedPoverty.ToString("N0", Vi), (c.HousesBuilt + c.HousesRepaired).ToString("N0", Vi), c.JobsCreated.ToString("N0", Vi)]), 8);
        }
        return pdf.ToBytes();
    }

    /// <summary>The unit a user's dashboard opens on: their commune or province; the nation's users pick one (default the first province).</summary>
    public async Task<string> DefaultUnitAsync(CancellationToken ct)
    {
        var scope = await scopes.CurrentAsync(ct);
        if (scope.Unit is { } u)
        {
            return u.Code;
        }
        return await db.AdminUnits.AsNoTracking().ValidOn(db.Today()).Where(x => x.Level == AdminLevel.Province).OrderBy(x => x.Code).Select(x => x.Code).FirstAsync(ct);
    }
}
