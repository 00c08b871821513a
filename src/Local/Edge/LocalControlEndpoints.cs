using System.Text.Json;
using Failover.Local.Realism;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Failover.Local.Edge;

/// <summary>
/// The stack's own endpoints under <c>/_local</c>: health (what is served where), and the realism settings and
/// counters that tests read and switch at run time.
/// </summary>
public static class LocalControlEndpoints
{
    public const string HealthPath = "/_local/health";
    public const string RealismPath = "/_local/realism";
    public const string RealismStatsPath = "/_local/realism/stats";
    public const string RealismResetPath = "/_local/realism/reset";
    public const string HealthStatusPath = "/_local/health-status";

    /// <param name="isReady">
    /// True once everything the stack reports exists (its hosted zones, state machines, table and queues): health
    /// answers 503 until then, so a client that waits for 200 never finds the start-up zone missing.
    /// </param>
    /// <param name="healthChanged">
    /// Told each check whose reported status a request changed (id, before, after; null: moto's "Success"); answers what
    /// the answer watcher said (JSON), which the response carries under <c>answerWatcher</c>.
    /// </param>
    public static void Map(IEndpointRouteBuilder routes, RealismControl realism, Func<bool> isReady, Action<Utf8JsonWriter> writeHealth,
        Func<string, string?, string?, CancellationToken, Task<string?>>? healthChanged = null)
    {
        routes.MapGet(HealthPath, (RequestDelegate)(context => WriteJsonAsync(context, isReady() ? 200 : 503, writeHealth)));
        routes.MapGet(RealismPath, (RequestDelegate)(context => WriteSettingsAsync(context, realism.Current)));
        routes.MapMethods(RealismPath, ["PUT", "POST", "PATCH"], (RequestDelegate)(context => UpdateSettingsAsync(context, realism)));
        routes.MapPost(RealismResetPath, (RequestDelegate)(context => WriteSettingsAsync(context, realism.Reset())));
        routes.MapGet(HealthStatusPath,
            (RequestDelegate)(context => WriteJsonAsync(context, 200, json => WriteStatuses(json, realism.ObservedHealth))));
        routes.MapPost(HealthStatusPath,
            (RequestDelegate)(context => SetHealthStatusAsync(context, realism.ObservedHealth, healthChanged)));
        routes.MapDelete(HealthStatusPath, (RequestDelegate)(async context =>
        {
            var cleared = realism.ObservedHealth.All;
            realism.ObservedHealth.Clear();
            var answers = new List<string>();
            if (healthChanged is not null)
                foreach (var (id, status) in cleared)
                    if (await healthChanged(id, status, null, context.RequestAborted) is { } answer) answers.Add(answer);
            await WriteJsonAsync(context, 200, json => WriteStatuses(json, realism.ObservedHealth, answers));
        }));
        routes.MapGet(RealismStatsPath, (RequestDelegate)(context => WriteJsonAsync(context, 200, realism.Stats.WriteJson)));
        routes.MapDelete(RealismStatsPath, (RequestDelegate)(context =>
        {
            realism.Stats.Reset();
            return WriteJsonAsync(context, 200, realism.Stats.WriteJson);
        }));
    }

    private static async Task UpdateSettingsAsync(HttpContext context, RealismControl realism)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            var updated = realism.Update(current => RealismSettingsJson.Apply(current, body));
            await WriteSettingsAsync(context, updated);
        }
        catch (ArgumentException invalid)
        {
            await WriteJsonAsync(context, 400, json =>
            {
                json.WriteStartObject();
                json.WriteString("error", invalid.Message);
                json.WriteEndObject();
            });
        }
    }

    /// <summary><c>{"healthCheckId": "…", "status": "Failure: …"}</c>; a null status goes back to moto's "Success".</summary>
    private static async Task SetHealthStatusAsync(HttpContext context, ObservedHealthStatuses statuses,
        Func<string, string?, string?, CancellationToken, Task<string?>>? healthChanged)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        string? error = null;
        var answers = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) error =
                "the body must be a JSON object {\"healthCheckId\": \"…\", \"status\": \"…\"}";
            else if (!root.TryGetProperty("healthCheckId", out var id) || id.ValueKind != JsonValueKind.String
                || id.GetString() is not { Length: > 0 } checkId)
                error = "$.healthCheckId must be a non-empty string";
            else if (!root.TryGetProperty("status", out var status) || status.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)
                     || status.GetString() is { Length: 0 })
                error = "$.status must be a non-empty string (a checker status such as \"Failure: HTTP Status Code 503\") or null";
            else
            {
                var before = statuses.Get(checkId);
                statuses.Set(checkId, status.GetString());
                if (healthChanged is not null
                    && await healthChanged(checkId, before, status.GetString(), context.RequestAborted) is { } answer)
                    answers.Add(answer);
            }
        }
        catch (JsonException invalid)
        {
            error = "the body is not JSON: " + invalid.Message;
        }
        await WriteJsonAsync(context, error is null ? 200 : 400, json =>
        {
            if (error is null)
            {
                WriteStatuses(json, statuses, answers);
                return;
            }
            json.WriteStartObject();
            json.WriteString("error", error);
            json.WriteEndObject();
        });
    }

    private static void WriteStatuses(Utf8JsonWriter json, ObservedHealthStatuses statuses, IReadOnlyList<string>? answers = null)
    {
        json.WriteStartObject();
        json.WriteStartObject("statuses");
        foreach (var (id, status) in statuses.All) json.WriteString(id, status);
        json.WriteEndObject();
        // What the answer watcher made of each change of verdict (the alarm's state change, played locally).
        if (answers is { Count: > 0 })
        {
            json.WriteStartArray("answerWatcher");
            foreach (var answer in answers) json.WriteRawValue(answer);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static Task WriteSettingsAsync(HttpContext context, RealismSettings settings) =>
        WriteJsonAsync(context, 200, json => RealismSettingsJson.Write(json, settings));

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            write(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }
}
