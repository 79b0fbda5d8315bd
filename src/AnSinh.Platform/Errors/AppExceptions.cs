namespace AnSinh.Platform.Errors;

/// <summary>Input that breaks a validation rule: answered 400 with the fields named.</summary>
public sealed class InputValidationException : Exception
{
    public InputValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(string.Join("; ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))))
        => Errors = errors;

    public InputValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }
}

/// <summary>A record that does not exist or lies outside the user's scope: answered 404.</summary>
public sealed class NotFoundException(string message = "Không tìm thấy bản ghi.") : Exception(message);

/// <summary>A business rule forbids the change (frozen, duplicate, stale…): answered 409.</summary>
public sealed class RuleViolationException(string message) : Exception(message);

/// <summary>Collects field errors and throws them together.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public int Count => _errors.Values.Sum(l => l.Count);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }
        list.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new InputValidationException(ToDictionary());
        }
    }
}

/// <summary>
/// The database could not be had for a write within the bounded wait (another long write holds it):
/// answered 503 with <c>Retry-After</c>; nothing of the request was written.
/// </summary>
public sealed class DatabaseBusyException(string message = DatabaseBusyException.DefaultMessage, int retryAfterSeconds = 5) : Exception(message)
{
    public const string DefaultMessage = "Cơ sở dữ liệu đang bận ghi một việc lớn (nhập tệp, lập bảng chi trả…); chưa có gì được ghi. Hãy thử lại sau ít giây.";

    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
