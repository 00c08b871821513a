using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Failover.Service.Logging;

namespace Failover.Local.Lambda;

/// <summary>
/// Lambda's Invoke API (<c>POST /2015-03-31/functions/{FunctionName}/invocations</c>) answered in-process, with
/// Lambda's status codes, headers and error documents, so the AWS SDKs, the AWS CLI and moto's Step Functions
/// interpreter cannot tell it from the real service.
/// </summary>
public sealed class LambdaInvokeEndpoint(ILambdaInvoker invoker, StructuredLogger? log = null)
{
    public const string Route = "/2015-03-31/functions/{functionName}/invocations";

    // Lambda's synchronous request payload quota.
    private const int MaxPayloadBytes = 6 * 1024 * 1024;

    public async Task HandleAsync(HttpContext context, string functionName)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();

        // Routing already decoded the segment once; Step Functions' ARN may arrive encoded twice by some clients.
        var decoded = functionName.Contains('%') ? Uri.UnescapeDataString(functionName) : functionName;
        if (FunctionReference.Parse(decoded) is not { } reference)
        {
            await WriteErrorAsync(response, 400, "InvalidParameterValueException", $"Invalid function name: {decoded}");
            return;
        }

        if (await ReadPayloadAsync(request, context.RequestAborted) is not { } payload)
        {
            await WriteErrorAsync(response, 413, "RequestTooLargeException",
                $"Request must be smaller than {MaxPayloadBytes} bytes for the InvokeFunction operation");
            return;
        }

        var invocationType = request.Headers["X-Amz-Invocation-Type"].ToString();
        try
        {
            switch (invocationType)
            {
                case "" or "RequestResponse":
                    var result = await invoker.InvokeAsync(reference.Name, payload, context.RequestAborted);
                    await WriteResultAsync(response, result);
                    return;
                case "Event":
                    EnsureExists(reference.Name);
                    _ = RunDetachedAsync(reference.Name, payload);
                    response.StatusCode = 202;
                    return;
                case "DryRun":
                    EnsureExists(reference.Name);
                    response.StatusCode = 204;
                    return;
                default:
                    await WriteErrorAsync(response, 400, "InvalidParameterValueException",
                        $"1 validation error detected: Value '{invocationType}' at 'invocationType' failed to satisfy constraint: Member " +
                            $"must satisfy enum value set: [Event, RequestResponse, DryRun]");
                    return;
            }
        }
        catch (LambdaFunctionNotFoundException notFound)
        {
            await WriteErrorAsync(response, 404, "ResourceNotFoundException", notFound.Message);
        }
    }

    private void EnsureExists(string name)
    {
        if (invoker is FunctionRegistry registry && !registry.Contains(name)) throw new LambdaFunctionNotFoundException(name);
    }

    private async Task RunDetachedAsync(string name, ReadOnlyMemory<byte> payload)
    {
        try
        {
            var result = await invoker.InvokeAsync(name, payload, CancellationToken.None);
            if (result.Failed) log?.Warn($"asynchronous invocation of {name} failed: " +
                $"{System.Text.Encoding.UTF8.GetString(result.Payload.Span)}");
        }
        catch (Exception exception)
        {
            log?.Error($"asynchronous invocation of {name} failed", exception);
        }
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadPayloadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPayloadBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxPayloadBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        // Lambda treats an empty body as the JSON document {}.
        return buffer.Length == 0 ? "{}"u8.ToArray() : buffer.ToArray();
    }

    private static async Task WriteResultAsync(HttpResponse response, LambdaInvocationResult result)
    {
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers["X-Amz-Executed-Version"] = "$LATEST";
        if (result.FunctionError is { } error) response.Headers["X-Amz-Function-Error"] = error;
        response.ContentLength = result.Payload.Length;
        await response.Body.WriteAsync(result.Payload);
    }

    /// <summary>Lambda's REST-JSON error: the code in <c>x-amzn-ErrorType</c>, a Type/Message document as the body.</summary>
    private static async Task WriteErrorAsync(HttpResponse response, int status, string code, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.Headers["x-amzn-ErrorType"] = code;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("Type", "User");
            json.WriteString("Message", message);
            json.WriteEndObject();
        }
        await response.Body.WriteAsync(buffer.ToArray());
    }
}
