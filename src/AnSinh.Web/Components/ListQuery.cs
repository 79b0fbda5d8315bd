namespace AnSinh.Web.Components;

/// <summary>One applied filter of a list: what it is, its value, and the list's address without it.</summary>
public sealed record FilterChip(string Label, string Value, string RemoveUrl);

/// <summary>The query string of a list page: its filters, sort and page size, with helpers to drop one of them.</summary>
public sealed class ListQuery(string path, IEnumerable<(string Name, string? Value)> parameters)
{
    private readonly List<(string Name, string Value)> items =
        parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => (p.Name, p.Value!.Trim())).ToList();

    /// <summary>The address with every parameter except those named.</summary>
    public string Without(params string[] names)
    {
        var kept = items.Where(i => !names.Contains(i.Name, StringComparer.OrdinalIgnoreCase))
            .Select(i => $"{i.Name}={Uri.EscapeDataString(i.Value)}").ToList();
        return kept.Count == 0 ? path + "?x=1" : $"{path}?{string.Join("&", kept)}";
    }

    public string All => Without();
}
