namespace AnSinh.Web.Infrastructure;

/// <summary>
/// The one check for every redirect to a URL that came with the request (return URL, referer):
/// only a path of this site, as <c>Url.IsLocalUrl</c> understands it; anything else goes to "/".
/// </summary>
internal static class LocalUrls
{
    /// <summary>True for "/…" not followed by "/" or "\", and "~/…" likewise; never with control characters.</summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Any(char.IsControl))
        {
            return false;
        }
        var start = url[0] == '~' && url.Length > 1 && url[1] == '/' ? 1 : 0;
        if (url[start] != '/')
        {
            return false;
        }
        return url.Length == start + 1 || (url[start + 1] != '/' && url[start + 1] != '\\');
    }

    /// <summary>The URL when it is local ("~/" made "/"), otherwise "/".</summary>
    public static string OrRoot(string? url) => IsLocal(url) ? (url![0] == '~' ? url[1..] : url) : "/";
}
