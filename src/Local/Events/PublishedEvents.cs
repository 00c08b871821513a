using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Failover.Local.Aws;
using Failover.Service.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Failover.Local.Events;

/// <summary>
/// The events published through the edge (EventBridge <c>PutEvents</c>, on their way to moto's EventBridge), kept so
/// tests and people can see them: <c>GET /_local/events</c> lists them oldest first in the shape EventBridge delivers them
/// (<c>?detailType=…</c> and <c>?tree=…</c> narrow the list), <c>DELETE</c> forgets them, and each one is a line in the
/// stack's log. The newest
/// <see cref="Capacity"/> are kept.
/// </summary>
public sealed class PublishedEvents(StructuredLogger? log = null)
{
    public const string Path = "/_local/events";
    public const int Capacity = 2000;
    private const string PutEventsTarget = "AWSEvents.PutEvents";

    private readonly Lock _gate = new();
    private readonly LinkedList<JsonObject> _events = new();

    /// <summary>True for an EventBridge PutEvents request (JSON 1.1, <c>X-Amz-Target: AWSEvents.PutEvents</c>).</summary>
    public static bool IsPutEvents(HttpRequest request) =>
        string.Equals(request.Headers["X-Amz-Target"].ToString(), PutEventsTarget, StringComparison.Ordinal);

    /// <summary>Reads the request's entries and leaves its body to be read again (for forwarding to moto).</summary>
    public async Task RecordAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        request.Body.Position = 0;
        try
        {
            var entries = JsonNode.Parse(body.ToArray())?["Entries"]?.AsArray() ?? [];
            foreach (var entry in entries) Record(entry);
        }
        catch (JsonException)
        {
            // Not ours to judge: moto answers the malformed request.
        }
    }

    private void Record(JsonNode? entry)
    {
        if (entry is null) return;
        var detailText = entry["Detail"]?.GetValue<string>() ?? "{}";
        JsonNode? detail;
        try
        {
            detail = JsonNode.Parse(detailText);
        }
        catch (JsonException)
        {
            detail = JsonValue.Create(detailText);
        }
        // In the shape EventBridge delivers an event to a rule's target.
        var recorded = new JsonObject
        {
            ["version"] = "0",
            ["id"] = Guid.NewGuid().ToString(),
            ["detail-type"] = entry["DetailType"]?.GetValue<string>(),
            ["source"] = entry["Source"]?.GetValue<string>(),
            ["account"] = LocalAccount.Id,
            ["time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["region"] = LocalAccount.Region,
            ["resources"] = entry["Resources"]?.DeepClone() ?? new JsonArray(),
            ["detail"] = detail,
        };
        lock (_gate)
        {
            _events.AddLast(recorded);
            while (_events.Count > Capacity) _events.RemoveFirst();
        }
        log?.Info("event published", ("detail_type", recorded["detail-type"]?.GetValue<string>()),
            ("tree", detail?["tree"]?.GetValue<string>()), ("summary", detail?["summary"]?.GetValue<string>()));
    }

    /// <summary>The events kept, oldest first, of the given detail type and tree when named.</summary>
    public IReadOnlyList<JsonObject> List(string? detailType = null, string? tree = null)
    {
        lock (_gate)
            return _events.Where(e => (detailType is null || e["detail-type"]?.GetValue<string>() == detailType)
                    && (tree is null || e["detail"]?["tree"]?.GetValue<string>() == tree))
                .Select(e => (JsonObject)e.DeepClone()).ToList();
    }

    public void Clear()
    {
        lock (_gate) _events.Clear();
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, (RequestDelegate)(context =>
        {
            var query = context.Request.Query;
            var list = List(query["detailType"].FirstOrDefault(), query["tree"].FirstOrDefault());
            return WriteAsync(context, list);
        }));
        routes.MapDelete(Path, (RequestDelegate)(context =>
        {
            Clear();
            return WriteAsync(context, []);
        }));
    }

    private static Task WriteAsync(HttpContext context, IReadOnlyList<JsonObject> events)
    {
        var document = new JsonObject { ["events"] = new JsonArray([.. events]) };
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
