using AnSinh.Platform.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnSinh.Platform.Calendar;

/// <summary>
/// One day of the public-holiday calendar: a holiday, a compensatory or swapped day off, or a
/// weekend day worked in a swap. The Government fixes the lunar holidays and the swaps year by
/// year, so the calendar is data an administrator keeps, each row naming its legal text.
/// </summary>
public sealed class PublicHoliday : IAudited
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>holiday | compensatory | swap_off | swap_work (see <see cref="DayKind"/>).</summary>
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public required string Source { get; set; }

    /// <summary>A date not yet checked against the Government's notice for that year.</summary>
    public bool Provisional { get; set; }

    string IAudited.AuditEntityType => "public_holiday";
    string IAudited.AuditEntityId => Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    string? IAudited.AuditUnitCode => null;

    public static string Code(DayKind kind) => kind switch
    {
        DayKind.Holiday => "holiday",
        DayKind.Compensatory => "compensatory",
        DayKind.SwapOff => "swap_off",
        _ => "swap_work",
    };

    public static DayKind? ParseKind(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "holiday" => DayKind.Holiday,
        "compensatory" => DayKind.Compensatory,
        "swap_off" => DayKind.SwapOff,
        "swap_work" => DayKind.SwapWork,
        _ => null,
    };

    public static string VietnameseKind(string code) => ParseKind(code) switch
    {
        DayKind.Holiday => "Ngày lễ, Tết",
        DayKind.Compensatory => "Nghỉ bù",
        DayKind.SwapOff => "Nghỉ do hoán đổi",
        DayKind.SwapWork => "Làm bù (hoán đổi)",
        _ => code,
    };
}

internal sealed class PublicHolidayConfiguration : IEntityTypeConfiguration<PublicHoliday>
{
    public void Configure(EntityTypeBuilder<PublicHoliday> b)
    {
        b.ToTable("public_holidays");
        b.Property(x => x.Kind).HasMaxLength(20);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Source).HasMaxLength(400);
        b.HasIndex(x => x.Date).IsUnique();
    }
}
