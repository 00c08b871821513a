namespace Failover.Service.Logging;

/// <summary>
/// The names of the log fields, in Powertools for AWS Lambda's style (snake_case, the same keys its loggers write), so
/// one CloudWatch Logs Insights query reads the functions, the API and the local stack alike.
/// </summary>
public static class LogFields
{
    // The keys every line carries, or carries when known.
    public const string Level = "level";
    public const string Message = "message";
    public const string Timestamp = "timestamp";
    public const string Service = "service";
    /// <summary>True on the lines of a sandbox's first invocation only, false on every later one.</summary>
    public const string ColdStart = "cold_start";
    /// <summary>Lambda's request id for the invocation (the Runtime API's <c>Lambda-Runtime-Aws-Request-Id</c>).</summary>
    public const string FunctionRequestId = "function_request_id";
    /// <summary>The X-Ray trace id (the <c>Root</c> of <c>Lambda-Runtime-Trace-Id</c> / <c>_X_AMZN_TRACE_ID</c>).</summary>
    public const string XRayTraceId = "xray_trace_id";
    /// <summary>The API's correlation id, carried from the request into the run it starts.</summary>
    public const string CorrelationId = "correlation_id";

    // The service's own keys.
    public const string Tree = "tree";
    public const string Version = "version";
    public const string RunId = "run_id";
    public const string Step = "step";
    public const string Handler = "handler";

    // An exception, on the line that reports it (never in an answer to a caller).
    public const string ErrorType = "error_type";
    public const string ErrorMessage = "error_message";
    public const string StackTrace = "stack_trace";
}
