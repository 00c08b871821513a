namespace Failover.Functions.Hosting;

/// <summary>
/// Thrown by a handler to fail the invocation with an error type of its choosing, so the state machine can
/// <c>Catch</c> or <c>Retry</c> on that name (for example <c>TreeLocked</c>) rather than on an exception class name.
/// </summary>
public sealed class FunctionFailedException : Exception
{
    public FunctionFailedException(string errorType, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorType);
        ErrorType = errorType;
    }

    public string ErrorType { get; }
}
