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

    public static void Map(IEndpointRouteBuilder routes, RealismControl realism, Action<Utf8JsonWriter> writeHealth)
    {
        routes.MapGet(HealthPath, (RequestDelegate)(context => WriteJsonAsync(context, 200, writeHealth)));
        routes.MapGet(RealismPath, (RequestDelegate)(context => WriteSettingsAsync(context, realism.Current)));
        routes.MapMethods(RealismPath, ["PUT", "POST", "PATCH"], (RequestDelegate)(context => UpdateSettingsAsync(context, realism)));
        routes.MapPost(RealismResetPath, (RequestDelegate)(context => WriteSettingsAsync(context, realism.Reset())));
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
