using System.Collections.Frozen;
using System.Reflection;

namespace AnSinh.Platform.Display;

/// <summary>A code's name for people: Vietnamese, English, and the legal text it comes from when there is one.</summary>
public sealed record CodeName(string Kind, string Code, string Vietnamese, string English, string? Source);

/// <summary>
/// The one catalogue of display names (ADR 0024): every code a page, a printout, a sheet or an API
/// <c>…Name</c> field shows, by kind (deprivation indicators, score regions, poverty classes, round
/// stages and kinds, schemes, merit categories, social-assistance clauses with their legal
/// wording, card groups, areas). The names are data, in <c>Display/display-names.csv</c> shipped
/// inside the assembly; an unknown code is returned as it is, so a missing name shows up in the
/// page walk test instead of failing a page.
/// </summary>
public static class CodeNames
{
    private static readonly FrozenDictionary<(string Kind, string Code), CodeName> All = Load();

    public static IReadOnlyCollection<CodeName> Entries => All.Values;

    public static CodeName? Find(string kind, string? code) =>
        code is not null && All.TryGetValue((kind, code.Trim()), out var n) ? n : null;

    /// <summary>The Vietnamese (or English) name of a code of a kind; the code itself when the catalogue lacks it.</summary>
    public static string Of(string kind, string? code, bool english = false) =>
        Find(kind, code) is { } n ? english ? n.English : n.Vietnamese : code ?? "";

    /// <summary>
    /// The name of a code whatever its kind (the first kind that knows it), for places that hold a code
    /// without saying its kind, such as the audit's before and after values; null when no kind knows it.
    /// </summary>
    public static string? OfAnyKind(string? code, bool english = false) =>
        code is not null && ByCode.TryGetValue(code.Trim(), out var n) ? english ? n.English : n.Vietnamese : null;

    private static readonly FrozenDictionary<string, CodeName> ByCode =
        ReadRows().GroupBy(n => n.Code, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Names of a comma-separated list of codes (e.g. "5.1,5.4"), joined with "; ".</summary>
    public static string OfList(string kind, string? codes, bool english = false) =>
        string.IsNullOrWhiteSpace(codes)
            ? ""
            : string.Join("; ", codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => Of(kind, c, english)));

    /// <summary>The codes of one kind, in the catalogue's order.</summary>
    public static IReadOnlyList<CodeName> OfKind(string kind) => [.. Ordered.Where(n => n.Kind == kind)];

    private static readonly IReadOnlyList<CodeName> Ordered = ReadRows();

    private static FrozenDictionary<(string Kind, string Code), CodeName> Load() =>
        ReadRows().ToFrozenDictionary(n => (n.Kind, n.Code));

    private static List<CodeName> ReadRows()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Display.display-names.csv")
            ?? throw new InvalidOperationException("Display.display-names.csv is not embedded.");
        using var reader = new StreamReader(stream);
        var rows = new List<CodeName>();
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            var f = line.Split(';');
            rows.Add(new CodeName(f[0], f[1], f[2], f[3], f.Length > 4 && f[4].Length > 0 ? f[4] : null));
        }
        return rows;
    }
}
