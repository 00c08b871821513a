using System.Text.Json;

namespace Failover.Local.Lambda;

/// <summary>
/// What a Lambda invocation returned: the response payload, and when the function failed, the error type Lambda
/// reports in <c>X-Amz-Function-Error</c> (then the payload is Lambda's error document).
/// </summary>
public sealed record LambdaInvocationResult(ReadOnlyMemory<byte> Payload, string? FunctionError = null)
{
    public bool Failed => FunctionError is not null;

    public static LambdaInvocationResult Success(ReadOnlyMemory<byte> payload) => new(payload);

    /// <summary>
    /// A failed invocation as the managed runtimes report an uncaught exception: <c>X-Amz-Function-Error: Unhandled</c>
    /// and <c>{"errorType","errorMessage"}</c>. Step Functions matches <c>Retry</c>/<c>Catch</c> on the errorType.
    /// </summary>
    public static LambdaInvocationResult Unhandled(string errorType, string errorMessage)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("errorType", errorType);
            json.WriteString("errorMessage", errorMessage);
            json.WriteEndObject();
        }
        return new LambdaInvocationResult(buffer.ToArray(), "Unhandled");
    }
}
