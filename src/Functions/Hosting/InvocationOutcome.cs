namespace Failover.Functions.Hosting;

/// <summary>What an in-process invocation produced: the response payload, or the function error.</summary>
public sealed record InvocationOutcome
{
    private InvocationOutcome(ReadOnlyMemory<byte> payload, FunctionError? error)
    {
        Payload = payload;
        Error = error;
    }

    /// <summary>The response bytes; empty when the invocation failed.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    public FunctionError? Error { get; }

    public bool Succeeded => Error is null;

    public static InvocationOutcome Success(ReadOnlyMemory<byte> payload) => new(payload, null);

    public static InvocationOutcome Failure(FunctionError error) =>
        new(ReadOnlyMemory<byte>.Empty, error ?? throw new ArgumentNullException(nameof(error)));
}
