using System.Text.Json.Serialization;

namespace Failover.Functions.Handlers.Drift;

/// <summary>Source-generated JSON for the drift functions' events and answers (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
[JsonSerializable(typeof(ScheduledEvent))]
[JsonSerializable(typeof(DriftScheduleResponse))]
public sealed partial class DriftJsonContext : JsonSerializerContext;
