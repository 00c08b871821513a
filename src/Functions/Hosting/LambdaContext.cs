using Failover.Service.Logging;

namespace Failover.Functions.Hosting;

/// <summary>What Lambda tells a handler about the invocation it is running.</summary>
public sealed class LambdaContext
{
    private readonly TimeProvider _time;

    public LambdaContext(
        string handlerName,
        string requestId,
        DateTimeOffset deadline,
        string invokedFunctionArn,
        string? traceId,
        TimeProvider time,
        StructuredLogger logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(handlerName);
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        HandlerName = handlerName;
        RequestId = requestId;
        Deadline = deadline;
        InvokedFunctionArn = invokedFunctionArn ?? "";
        TraceId = string.IsNullOrEmpty(traceId) ? null : traceId;
        _time = time;
        Logger = logger;
    }

    /// <summary>The handler name (the function's <c>Handler</c> setting, <c>_HANDLER</c>).</summary>
    public string HandlerName { get; }

    public string RequestId { get; }

    /// <summary>When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>).</summary>
    public DateTimeOffset Deadline { get; }

    /// <summary>The ARN the caller used: it names the version or alias when one was invoked.</summary>
    public string InvokedFunctionArn { get; }

    /// <summary>The X-Ray trace header, when tracing is on.</summary>
    public string? TraceId { get; }

    /// <summary>The invocation's logger: its lines carry cold_start, function_request_id and xray_trace_id.</summary>
    public StructuredLogger Logger { get; private set; }

    /// <summary>
    /// Fields every later line of this invocation carries (a run id, a correlation id), the host's own among them: the
    /// line that reports the handler's failure names the run it failed in.
    /// </summary>
    public void AppendLogFields(params ReadOnlySpan<(string Name, object? Value)> fields) => Logger = Logger.With(fields);

    internal TimeProvider Time => _time;

    /// <summary>Time left before <see cref="Deadline"/>, never negative.</summary>
    public TimeSpan RemainingTime
    {
        get
        {
            var remaining = Deadline - _time.GetUtcNow();
            return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
        }
    }
}
