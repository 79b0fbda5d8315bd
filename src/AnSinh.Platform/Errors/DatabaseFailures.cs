using System.Data.Common;

namespace AnSinh.Platform.Errors;

public enum DatabaseFailure
{
    None,

    /// <summary>The database was busy: SQLite's write lock, a PostgreSQL lock timeout, deadlock or serialization failure.</summary>
    Busy,

    /// <summary>A unique key was taken by another write in the meantime.</summary>
    Duplicate,
}

/// <summary>
/// Reads what a provider's exception means without referring to the providers: SQLite's primary
/// result code (<see cref="System.Runtime.InteropServices.ExternalException.ErrorCode"/> of
/// <c>SqliteException</c>) and PostgreSQL's SQLSTATE.
/// </summary>
public static class DatabaseFailures
{
    public const string DuplicateMessage = "Dữ liệu vừa được người khác lưu trùng (mã hoặc số đã có); chưa có gì được ghi. Hãy tải lại rồi thử lại.";

    public static DatabaseFailure Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DatabaseBusyException)
            {
                return DatabaseFailure.Busy;
            }
            if (e is not DbException db)
            {
                continue;
            }
            switch (db.SqlState)
            {
                case "55P03" or "40P01" or "40001" or "57014":
                    return DatabaseFailure.Busy;
                case "23505":
                    return DatabaseFailure.Duplicate;
            }
            if (db.GetType().Name == "SqliteException")
            {
                // SQLITE_BUSY (5), SQLITE_LOCKED (6), SQLITE_CONSTRAINT (19) with a UNIQUE or PRIMARY KEY message.
                switch (db.ErrorCode)
                {
                    case 5 or 6:
                        return DatabaseFailure.Busy;
                    case 19 when db.Message.Contains("UNIQUE", StringComparison.Ordinal):
                        return DatabaseFailure.Duplicate;
                }
            }
        }
        return DatabaseFailure.None;
    }

    /// <summary>What a person is told when a background job stops on an exception.</summary>
    public static string UserMessage(Exception exception) => Classify(exception) switch
    {
        DatabaseFailure.Busy => DatabaseBusyException.DefaultMessage,
        DatabaseFailure.Duplicate => DuplicateMessage,
        _ => exception switch
        {
            InputValidationException or NotFoundException or RuleViolationException or DatabaseBusyException => exception.Message,
            _ when exception.GetType().Namespace?.StartsWith("AnSinh", StringComparison.Ordinal) == true => exception.Message,
            DbException => "Lỗi cơ sở dữ liệu ngoài dự kiến; chưa có gì được ghi và lỗi đã được ghi lại. Hãy báo quản trị viên.",
            _ => "Đã có lỗi ngoài dự kiến; chưa có gì được ghi và lỗi đã được ghi lại. Hãy báo quản trị viên.",
        },
    };
}
