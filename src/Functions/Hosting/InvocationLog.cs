using Failover.Service.Logging;

namespace Failover.Functions.Hosting;

/// <summary>
/// The fields Lambda gives each invocation's log lines: <c>cold_start</c> (true on the first invocation this table runs —
/// one table per sandbox in Lambda — and false after), <c>function_request_id</c> and <c>xray_trace_id</c>.
/// </summary>
internal sealed class InvocationLog(StructuredLogger process)
{
    /// <summary>The type of the error a handler reported to Lambda, on the line that reports it.</summary>
    public const string FunctionErrorType = "function_error_type";

    private int _invocations;

    public StructuredLogger For(string handlerName, string requestId, string? traceHeader)
    {
        var coldStart = Interlocked.Increment(ref _invocations) == 1;
        var traceId = XRayTraceId.From(traceHeader ?? Environment.GetEnvironmentVariable(RuntimeApi.RuntimeLoop.TraceIdVariable));
        return traceId is null
            ? process.With((LogFields.ColdStart, coldStart), (LogFields.FunctionRequestId, requestId), (LogFields.Handler, handlerName))
            : process.With((LogFields.ColdStart, coldStart), (LogFields.FunctionRequestId, requestId), (LogFields.XRayTraceId, traceId),
                (LogFields.Handler, handlerName));
    }
}

/// <summary>The trace id of an X-Ray trace header (<c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=…;Sampled=1</c>).</summary>
public static class XRayTraceId
{
    /// <summary>The header's <c>Root</c> (the trace id X-Ray shows); a header without one is taken whole; none is null.</summary>
    public static string? From(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return null;
        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            if (part.StartsWith("Root=", StringComparison.Ordinal)) return part["Root=".Length..];
        return header.Trim();
    }
}
