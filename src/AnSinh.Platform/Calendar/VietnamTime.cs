namespace AnSinh.Platform.Calendar;

/// <summary>
/// The time in Vietnam (UTC+7, no daylight saving): "today" for a user is the date in Vietnam,
/// never the server's local or UTC date (at 01:00 in Hà Nội it is still yesterday in UTC).
/// </summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateTimeOffset ToVietnam(DateTimeOffset instant) => instant.ToOffset(Offset);

    public static DateTimeOffset Now(TimeProvider clock) => ToVietnam(clock.GetUtcNow());

    /// <summary>The date in Vietnam now.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(Now(clock).DateTime);

    /// <summary>The date in Vietnam at an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToVietnam(instant).DateTime);

    /// <summary>The date in Vietnam of a UTC time as the database keeps it (kind unspecified or UTC).</summary>
    public static DateOnly DateOfUtc(DateTime utc) => DateOnly.FromDateTime(OfUtc(utc));

    /// <summary>The clock time in Vietnam of a UTC time as the database keeps it: what a page shows ("lúc 08:30").</summary>
    public static DateTime OfUtc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified).Add(Offset);

    public static DateTime? OfUtc(DateTime? utc) => utc is { } u ? OfUtc(u) : null;
}
