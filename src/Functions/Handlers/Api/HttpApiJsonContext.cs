using System.Text.Json.Serialization;

namespace Failover.Functions.Handlers.Api;

/// <summary>Source-generated JSON for the HTTP API event and response: the Native AOT binary reflects on nothing.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpApiEvent))]
[JsonSerializable(typeof(HttpApiResponse))]
public sealed partial class HttpApiJsonContext : JsonSerializerContext;
