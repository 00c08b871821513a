using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Failover.Functions.Hosting.RuntimeApi;

/// <summary>
/// The error document the Runtime API takes at <c>/invocation/{id}/error</c> and <c>/init/error</c>. The stack trace is
/// always empty: a caller (Step Functions, the CLI) sees the type and message, the trace stays in our log.
/// </summary>
public sealed record RuntimeErrorBody(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType,
    [property: JsonPropertyName("stackTrace")] IReadOnlyList<string> StackTrace)
{
    public static RuntimeErrorBody From(FunctionError error) => new(error.Message, error.Type, []);
}

[JsonSerializable(typeof(RuntimeErrorBody))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext
{
    // Messages quote names ('PlanTree'); escaping them as \u0027 would make Step Functions' Cause hard to read.
    public static RuntimeJsonContext Readable { get; } =
        new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
