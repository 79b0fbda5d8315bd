namespace AnSinh.Web.Components;

internal static class Messages
{
    public static IReadOnlyList<string> From(Exception ex) => ex switch
    {
        AnSinh.Platform.Errors.InputValidationException v => v.Errors.SelectMany(e => e.Value.Select(m => m)).ToList(),
        _ => [ex.Message],
    };
}

/// <summary>Amount fields (<see cref="InputMoney"/>): their typed text read as a whole number of đồng.</summary>
internal static class MoneyField
{
    /// <summary>Null for an empty field; the amount for "1.500.000", "1,5 triệu"…; otherwise an input error on <paramref name="field"/>, so nothing is written.</summary>
    public static long? Amount(string? text, string field = "amount")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return AnSinh.Platform.Text.MoneyText.TryParseWhole(text, out var amount)
            ? amount
            : throw new AnSinh.Platform.Errors.InputValidationException(field, AnSinh.Platform.Text.MoneyText.InvalidMessage);
    }

    /// <summary>The text an amount field starts with: "1.500.000".</summary>
    public static string? Text(long? amount) => amount is { } a ? AnSinh.Platform.Text.MoneyText.Number(a) : null;
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
