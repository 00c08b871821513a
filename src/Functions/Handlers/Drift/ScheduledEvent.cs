using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failover.Functions.Handlers.Drift;

/// <summary>The event an EventBridge schedule invokes a function with; the drift scheduler needs none of it but its id and time for the
/// log.</summary>
public sealed record ScheduledEvent
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("detail-type")] public string DetailType { get; init; } = "Scheduled Event";
    [JsonPropertyName("source")] public string Source { get; init; } = "aws.events";
    [JsonPropertyName("account")] public string? Account { get; init; }
    [JsonPropertyName("time")] public DateTimeOffset? Time { get; init; }
    [JsonPropertyName("region")] public string? Region { get; init; }
    [JsonPropertyName("resources")] public IReadOnlyList<string> Resources { get; init; } = [];
    [JsonPropertyName("detail")] public JsonElement? Detail { get; init; }
}

/// <summary>What the scheduler function answers: counts, and the trees whose message could not be sent.</summary>
public sealed record DriftScheduleResponse
{
    /// <summary>Trees queued.</summary>
    [JsonPropertyName("scheduled")] public int Scheduled { get; init; }
    /// <summary>Messages they went in: one per hosted zone (more for a zone of very many trees).</summary>
    [JsonPropertyName("messages")] public int Messages { get; init; }
    [JsonPropertyName("skipped")] public int Skipped { get; init; }
    [JsonPropertyName("failed")] public IReadOnlyList<DriftScheduleFailureResponse> Failed { get; init; } = [];
}

public sealed record DriftScheduleFailureResponse(
    [property: JsonPropertyName("tree")] string Tree,
    [property: JsonPropertyName("reason")] string Reason);
