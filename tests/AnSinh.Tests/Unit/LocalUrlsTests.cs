using AnSinh.Web.Infrastructure;

namespace AnSinh.Tests.Unit;

public sealed class LocalUrlsTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/households?q=an", "/households?q=an")]
    [InlineData("~/persons", "/persons")]
    [InlineData("~/", "/")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example/x", "/")]
    [InlineData("~//evil.example", "/")]
    [InlineData("~/\\evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\r\n/evil.example", "/")]
    [InlineData("~", "/")]
    public void Only_paths_of_this_site_are_kept(string? url, string expected) => Assert.Equal(expected, LocalUrls.OrRoot(url));
}
