using AnSinh.Platform.Errors;
using AnSinh.Platform.Excel;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AnSinh.Web.Infrastructure;

/// <summary>The one error path: validation 400, not found 404, broken rule, stale edit or duplicate 409, database busy 503 (Retry-After), else a logged 500.</summary>
internal sealed class AppExceptionHandler(IProblemDetailsService problems, ILogger<AppExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail, errors) = Map(exception);
        if (status == StatusCodes.Status500InternalServerError)
        {
            log.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        }
        http.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = (exception is DatabaseBusyException b ? b.RetryAfterSeconds : 5).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        ProblemDetails problem = errors is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value)) { Status = status, Title = title, Detail = detail };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    public static (int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors) Map(Exception exception) => exception switch
    {
        InputValidationException v => (400, "Dữ liệu không hợp lệ", v.Errors.SelectMany(e => e.Value).FirstOrDefault() ?? "", v.Errors),
        XlsxFormatException x => (400, "Tệp không hợp lệ", x.Message, new Dictionary<string, string[]> { ["file"] = [x.Message] }),
        BadHttpRequestException { StatusCode: 415 } b => (415, "Sai kiểu nội dung", "Yêu cầu này cần tệp gửi dạng multipart/form-data (trường \"file\").", new Dictionary<string, string[]> { ["file"] = [b.Message] }),
        BadHttpRequestException b => (400, "Yêu cầu không hợp lệ", "Tham số hoặc nội dung yêu cầu không đọc được (sai kiểu dữ liệu, ngày không có thật hoặc JSON sai dạng): " + b.Message, new Dictionary<string, string[]> { ["request"] = [b.Message] }),
        NotFoundException n => (404, "Không tìm thấy", n.Message, null),
        RuleViolationException r => (409, "Không thực hiện được", r.Message, null),
        DbUpdateConcurrencyException => (409, "Dữ liệu đã bị thay đổi", "Bản ghi đã được người khác sửa; hãy tải lại rồi sửa lại.", null),
        _ when DatabaseFailures.Classify(exception) == DatabaseFailure.Busy => (503, "Hệ thống đang bận", DatabaseBusyException.DefaultMessage, null),
        _ when DatabaseFailures.Classify(exception) == DatabaseFailure.Duplicate => (409, "Dữ liệu trùng", DatabaseFailures.DuplicateMessage, null),
        _ => (500, "Lỗi hệ thống", "Đã có lỗi ngoài dự kiến; lỗi đã được ghi lại.", null),
    };
}
