using System.Text;
using Failover.Local.Edge;
using Microsoft.AspNetCore.Http;

namespace Failover.Local.Realism;

/// <summary>
/// Faults in the JSON-protocol services the workflow calls besides Route 53 — DynamoDB (the progress table) and Step
/// Functions — injected at the edge on their way to moto (<see cref="RealismSettings.ServiceFaults"/>). An operation is
/// named by its service and the action of its <c>X-Amz-Target</c> header: <c>DynamoDB.PutItem</c>,
/// <c>StepFunctions.StartExecution</c>. Faults that apply the request and lose its answer are the ones a client can
/// get wrong: its resend then meets its own first attempt.
/// </summary>
public sealed class ServiceFaultLayer(RealismControl control, MotoForwarder moto)
{
    public const string DynamoDb = "DynamoDB";
    public const string StepFunctions = "StepFunctions";

    /// <summary>Fault kinds these services can get; PriorRequestNotComplete is Route 53's own.</summary>
    public static readonly IReadOnlyList<FaultKind> Kinds =
    [
        FaultKind.Throttling, FaultKind.ServerError, FaultKind.DroppedConnection, FaultKind.ResponseLostAfterApplied,
        FaultKind.ServerErrorAfterApplied,
    ];

    public async Task HandleAsync(HttpContext context)
    {
        var operation = OperationOf(context.Request);
        if (operation is null || control.ServiceFaults.Draw(operation) is not { } kind)
        {
            await moto.ForwardAsync(context);
            return;
        }
        control.Stats.Increment(RealismStats.ServiceFaults, kind.ToString());
        control.Stats.Increment(RealismStats.ServiceFaultsByOperation, $"{operation}:{kind}");
        var dynamo = operation.StartsWith(DynamoDb + ".", StringComparison.Ordinal);
        // Both services speak AWS JSON 1.0.
        const string json = "application/x-amz-json-1.0";
        switch (kind)
        {
            case FaultKind.Throttling:
                await ErrorAsync(context.Response, 400, dynamo
                    ? "com.amazonaws.dynamodb.v20120810#ThrottlingException" : "ThrottlingException", "Rate exceeded", json);
                return;
            case FaultKind.ServerError or FaultKind.PriorRequestNotComplete:
                await ErrorAsync(context.Response, 503, "ServiceUnavailable", "Service Unavailable", json);
                return;
            case FaultKind.DroppedConnection:
                context.Abort();
                return;
        }

        // Applied by moto, its answer thrown away: the caller hears nothing, or a server error.
        var original = context.Response.Body;
        context.Response.Body = Stream.Null;
        try { await moto.ForwardAsync(context); }
        finally { context.Response.Body = original; }
        if (kind == FaultKind.ResponseLostAfterApplied)
        {
            context.Abort();
            return;
        }
        context.Response.Clear();
        await ErrorAsync(context.Response, 500, dynamo
            ? "com.amazonaws.dynamodb.v20120810#InternalServerError" : "InternalServerError", "Internal server error", json);
    }

    /// <summary>
    /// <c>DynamoDB.PutItem</c> for <c>X-Amz-Target: DynamoDB_20120810.PutItem</c>, <c>StepFunctions.StartExecution</c> for
    /// <c>AWSStepFunctions.StartExecution</c>; null for anything else (SQS, moto's own API, a request without a target).
    /// </summary>
    public static string? OperationOf(HttpRequest request)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        var dot = target.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        var action = target[(dot + 1)..];
        return target[..dot] switch
        {
            var prefix when prefix.StartsWith("DynamoDB_", StringComparison.Ordinal) => $"{DynamoDb}.{action}",
            "AWSStepFunctions" => $"{StepFunctions}.{action}",
            _ => null,
        };
    }

    private static async Task ErrorAsync(HttpResponse response, int status, string type, string message, string contentType)
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var body = Encoding.UTF8.GetBytes($"{{\"__type\":\"{type}\",\"message\":\"{message}\"}}");
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }
}
