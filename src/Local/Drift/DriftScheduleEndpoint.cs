using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Failover.Local.Drift;

/// <summary>
/// <c>POST /_local/schedules/drift</c>: fires the drift schedule now. Answers 200 with the scheduler's response, 502
/// with its error when it failed, 503 when the stack has no drift resources (started with --no-resources).
/// </summary>
public static class DriftScheduleEndpoint
{
    public const string Path = "/_local/schedules/drift";

    public static void Map(IEndpointRouteBuilder routes, Func<DriftSchedule?> schedule) =>
        routes.MapPost(Path, (RequestDelegate)(async context =>
        {
            if (schedule() is not { } current)
            {
                await WriteAsync(context, 503,
                    json => json.WriteString("error", "the stack has no drift queue (it was started without resources)"));
                return;
            }
            var result = await current.FireAsync(context.RequestAborted);
            await WriteAsync(context, result.Failed ? 502 : 200, json =>
            {
                json.WriteString("function", Functions.Handlers.Drift.DriftHandlers.SchedulerName);
                if (result.FunctionError is not null) json.WriteString("functionError", result.FunctionError);
                json.WritePropertyName(result.Failed ? "error" : "response");
                WritePayload(json, result.Payload);
            });
        }));

    private static void WritePayload(Utf8JsonWriter json, ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(Encoding.UTF8.GetString(payload.Span));
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }
}
