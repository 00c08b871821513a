namespace Failover.Local.Lambda;

/// <summary>
/// Runs a Lambda function by name, in-process. The edge's Lambda Invoke API calls it; so does anything else on the
/// local stack that plays a Lambda trigger (the drift schedule and the SQS queue emulation).
/// </summary>
public interface ILambdaInvoker
{
    /// <summary>
    /// Invokes <paramref name="functionName"/> (a plain name, never an ARN) with the raw event payload.
    /// Throws <see cref="LambdaFunctionNotFoundException"/> when no such function exists.
    /// </summary>
    Task<LambdaInvocationResult> InvokeAsync(string functionName, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
