using System.Net;
using System.Text.Json;

namespace AnSinh.Tests.Infrastructure;

/// <summary>Reading API answers in tests: a success's JSON body, or a refusal's ProblemDetails "detail".</summary>
public static class ApiResponses
{
    public static async Task<JsonElement> OkAsync(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string> FailsAsync(HttpResponseMessage r, HttpStatusCode status)
    {
        var text = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == status, $"expected {(int)status}, got {(int)r.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()!;
    }
}
