namespace AnSinh.Web.Components;

internal static class Messages
{
    public static IReadOnlyList<string> From(Exception ex) => ex switch
    {
        AnSinh.Platform.Errors.InputValidationException v => v.Errors.SelectMany(e => e.Value.Select(m => m)).ToList(),
        _ => [ex.Message],
    };
}
