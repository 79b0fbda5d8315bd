namespace AnSinh.Web.Components;

internal static class Messages
{
    public static IReadOnlyList<string> From(Exception ex) => ex switch
    {
        AnSinh.Platform.Errors.InputValidationException v => v.Errors.SelectMany(e => e.Value.Select(m => m)).ToList(),
        _ => [ex.Message],
    };
}

internal static class QueryString
{
    /// <summary>Builds "a=1&amp;b=x" leaving out empty values (an empty date would not bind).</summary>
    public static string Of(params (string Key, object? Value)[] parts) =>
        string.Join("&", parts
            .Select(p => (p.Key, Text: p.Value switch
            {
                null => null,
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture),
            }))
            .Where(p => !string.IsNullOrEmpty(p.Text))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Text!)}"));
}
