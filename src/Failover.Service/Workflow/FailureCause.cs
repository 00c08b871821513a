using System.Text.Json;

namespace Failover.Service.Workflow;

/// <summary>What a caught error says, readable: the error name and the function's message rather than its JSON.</summary>
public static class FailureCause
{
    public static (string Error, string Cause) Describe(CaughtError? caught)
    {
        var error = string.IsNullOrWhiteSpace(caught?.Error) ? "Unknown" : caught!.Error!;
        var cause = caught?.Cause ?? "";
        // A Lambda function's failure arrives as its error document: {"errorType": …, "errorMessage": …}.
        if (cause.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(cause);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("errorMessage", out var message) && message.ValueKind == JsonValueKind.String)
                    cause = message.GetString()!;
            }
            catch (JsonException)
            {
            }
        }
        return (error, cause.Length == 0 ? "no cause given" : cause);
    }
}
