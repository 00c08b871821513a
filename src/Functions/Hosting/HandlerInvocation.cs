namespace Failover.Functions.Hosting;

/// <summary>
/// One run of one handler, shared by the runtime loop and in-process invocation so both cancel at the deadline and
/// report failures identically.
/// </summary>
internal static class HandlerInvocation
{
    internal sealed record Result(Stream? Output, FunctionError? Error);

    /// <summary>
    /// Runs the handler with a token that fires <paramref name="deadlineMargin"/> before the deadline (or when
    /// <paramref name="stop"/> fires). Never throws for a handler's failure; rethrows only <paramref name="stop"/>'s cancellation.
    /// </summary>
    public static async Task<Result> RunAsync(
        LambdaHandler handler, Stream input, LambdaContext context, TimeSpan deadlineMargin, CancellationToken stop)
    {
        var untilCancel = context.RemainingTime - deadlineMargin;
        using var deadline = untilCancel > TimeSpan.Zero
            ? new CancellationTokenSource(Clamp(untilCancel), context.Time)
            : new CancellationTokenSource();
        if (untilCancel <= TimeSpan.Zero) deadline.Cancel();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stop);

        try
        {
            var output = await handler(input, context, linked.Token) ?? new MemoryStream("null"u8.ToArray(), writable: false);
            return new Result(output, null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var error = FunctionError.DeadlineExceeded(context.HandlerName, context.Deadline);
            context.Logger.Error(error.Message, null, (InvocationLog.FunctionErrorType, error.Type));
            return new Result(null, error);
        }
        catch (Exception exception)
        {
            var error = FunctionError.FromException(exception);
            context.Logger.Error("Handler failed.", exception, (InvocationLog.FunctionErrorType, error.Type));
            return new Result(null, error);
        }
    }

    // CancellationTokenSource accepts at most uint.MaxValue - 1 milliseconds (about 49 days).
    private static TimeSpan Clamp(TimeSpan delay) =>
        delay.TotalMilliseconds >= uint.MaxValue - 1 ? TimeSpan.FromMilliseconds(uint.MaxValue - 2) : delay;
}
