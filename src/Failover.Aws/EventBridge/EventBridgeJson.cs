using System.Text.Json.Serialization;

namespace Failover.Aws.EventBridge;

internal sealed record PutEventsRequest(IReadOnlyList<PutEventsEntry> Entries);

internal sealed record PutEventsEntry(
    string Source, string DetailType, string Detail, string EventBusName, IReadOnlyList<string>? Resources);

internal sealed record PutEventsResponse(int FailedEntryCount, IReadOnlyList<PutEventsResultEntry>? Entries);

internal sealed record PutEventsResultEntry(string? EventId, string? ErrorCode, string? ErrorMessage);

internal sealed record EventBridgeError(
    [property: JsonPropertyName("__type")] string? Type,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>Source-generated (AOT-safe) serialization of the EventBridge JSON 1.1 bodies (PascalCase members).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(PutEventsRequest))]
[JsonSerializable(typeof(PutEventsResponse))]
[JsonSerializable(typeof(EventBridgeError))]
internal sealed partial class EventBridgeJsonContext : JsonSerializerContext;
