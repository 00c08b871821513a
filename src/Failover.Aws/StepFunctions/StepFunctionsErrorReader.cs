using Failover.Service.Ports;
using System.Net;
using System.Text.Json;
using Failover.Aws.Http;

namespace Failover.Aws.StepFunctions;

/// <summary>
/// Turns a JSON 1.0 error answer into a typed exception. The code is the part of <c>__type</c> after '#'
/// (<c>com.amazonaws.states#ExecutionDoesNotExist</c>), or the <c>x-amzn-ErrorType</c> header's before ':'.
/// </summary>
public static class StepFunctionsErrorReader
{
    public static StepFunctionsException Read(AwsResponse response)
    {
        var (type, message) = Parse(response.Body);
        type ??= response.Header("x-amzn-ErrorType")?.Split(':')[0];
        var status = response.StatusCode;
        var code = type is null ? null : type[(type.LastIndexOf('#') + 1)..];
        code ??= status >= HttpStatusCode.InternalServerError ? "ServiceUnavailable" : $"Http{(int)status}";
        message ??= "";
        var requestId = response.RequestId;
        return code switch
        {
            "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded" =>
                new StepFunctionsThrottlingException(code, message, status, requestId),
            "ExecutionDoesNotExist" => new ExecutionDoesNotExistException(message, status, requestId),
            "ExecutionAlreadyExists" => new ExecutionAlreadyExistsException(message, status, requestId),
            "StateMachineDoesNotExist" => new StateMachineDoesNotExistException(message, status, requestId),
            "StateMachineAlreadyExists" => new StateMachineAlreadyExistsException(message, status, requestId),
            "InvalidArn" => new InvalidArnException(message, status, requestId),
            "InvalidDefinition" => new InvalidDefinitionException(message, status, requestId),
            _ when status is HttpStatusCode.TooManyRequests => new StepFunctionsThrottlingException(code, message, status, requestId),
            _ => new StepFunctionsException(code, message, status, requestId, isRetryable: status >= HttpStatusCode.InternalServerError),
        };
    }

    private static (string? Type, string? Message) Parse(byte[] body)
    {
        if (body.Length == 0) return (null, null);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            string? type = null, message = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String) continue;
                if (property.NameEquals("__type") || property.NameEquals("code")) type ??= property.Value.GetString();
                else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase)) message ??= property.Value.GetString();
            }
            return (type, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
