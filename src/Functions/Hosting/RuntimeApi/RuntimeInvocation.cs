namespace Failover.Functions.Hosting.RuntimeApi;

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>.</summary>
public sealed record RuntimeInvocation(
    string RequestId,
    DateTimeOffset Deadline,
    string InvokedFunctionArn,
    string? TraceId,
    ReadOnlyMemory<byte> Payload);
