using AnSinh.Platform.Calendar;
using Xunit;

namespace AnSinh.Tests.Unit;

public class VietnamTimeTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void TodayIsTheDateInVietnamNotInUtc()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 31, 18, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2027, 1, 1), clock.Today());
        Assert.Equal(2027, clock.Today().Year);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.FromHours(7)), VietnamTime.Now(clock));
    }

    [Theory]
    [InlineData(16, 59, 31)]
    [InlineData(17, 0, 1)]
    public void TheDayChangesAtFiveInTheAfternoonUtc(int hour, int minute, int expectedDay)
    {
        var instant = new DateTimeOffset(2026, 12, 31, hour, minute, 0, TimeSpan.Zero);
        var date = VietnamTime.DateOf(instant);
        Assert.Equal(expectedDay, date.Day);
        Assert.Equal(date, VietnamTime.DateOfUtc(instant.UtcDateTime));
    }

    [Fact]
    public void AnInstantInAnotherOffsetIsShownAtUtcPlusSeven()
    {
        var paris = new DateTimeOffset(2026, 6, 1, 23, 30, 0, TimeSpan.FromHours(2));
        var vn = VietnamTime.ToVietnam(paris);
        Assert.Equal(TimeSpan.FromHours(7), vn.Offset);
        Assert.Equal(new DateTime(2026, 6, 2, 4, 30, 0), vn.DateTime);
    }
}
