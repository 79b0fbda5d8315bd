namespace AnSinh.Platform.Excel;

/// <summary>An uploaded workbook checked before its import is queued, so that a file the reader refuses is answered at once (400).</summary>
public static class XlsxCheck
{
    /// <summary>
    /// Opens the workbook at <paramref name="path"/> (its structure and shared strings, within
    /// <see cref="XlsxLimits"/>); an unreadable one is deleted and its <see cref="XlsxFormatException"/> thrown.
    /// The worksheet's own cells are read by the import, under the same limits.
    /// </summary>
    public static void RefuseUnreadable(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var reader = XlsxReader.Open(file);
        }
        catch (XlsxFormatException)
        {
            File.Delete(path);
            throw;
        }
    }
}
