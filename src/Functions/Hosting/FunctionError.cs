namespace Failover.Functions.Hosting;

/// <summary>
/// A failed invocation as Lambda reports it: <c>errorType</c> is what Step Functions' <c>Retry</c> and <c>Catch</c>
/// match on, <c>errorMessage</c> is what a caller reads. Neither carries a stack trace.
/// </summary>
public sealed record FunctionError(string Type, string Message)
{
    /// <summary>The error type of an invocation cancelled because its deadline came.</summary>
    public const string DeadlineExceededType = "DeadlineExceeded";

    /// <summary>
    /// The error an exception escaping a handler becomes. The type is the exception's simple name, as the managed .NET
    /// runtime reports it, unless the handler chose one with <see cref="FunctionFailedException"/>.
    /// </summary>
    public static FunctionError FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];

        var type = exception is FunctionFailedException chosen ? chosen.ErrorType : exception.GetType().Name;
        var message = string.IsNullOrWhiteSpace(exception.Message) ? type : exception.Message;
        return new FunctionError(type, message);
    }

    public static FunctionError DeadlineExceeded(string handlerName, DateTimeOffset deadline) =>
        new(DeadlineExceededType,
            $"Handler '{handlerName}' did not finish before the invocation deadline ({deadline.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}).");
}
