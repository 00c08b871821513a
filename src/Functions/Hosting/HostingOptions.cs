using Failover.Service.Logging;

namespace Failover.Functions.Hosting;

/// <summary>How the host runs handlers, in Lambda or in-process on the local stack.</summary>
public sealed record HostingOptions
{
    /// <summary>Where log lines go (standard output in Lambda).</summary>
    public LogSink Log { get; init; } = LogSink.StandardOutput();

    /// <summary>The <c>service</c> field of every log line (<c>POWERTOOLS_SERVICE_NAME</c> when set).</summary>
    public string Service { get; init; } = StructuredLogger.DefaultService;

    /// <summary>
    /// How long before the deadline a handler's cancellation fires. Lambda freezes the sandbox at the deadline, so a
    /// handler cancelled exactly then could not report anything; the margin leaves time to post the error.
    /// </summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The timeout an in-process invocation gets (Lambda's maximum, 15 minutes, unless set).</summary>
    public TimeSpan InProcessTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The ARN an in-process invocation reports as invoked; by default moto's account and region.</summary>
    public Func<string, string> FunctionArnFor { get; init; } =
        static name => $"arn:aws:lambda:us-east-1:123456789012:function:{name}";

    /// <summary>
    /// Options for the deployed binary: the log level from <c>AWS_LAMBDA_LOG_LEVEL</c>, the service name from
    /// <c>POWERTOOLS_SERVICE_NAME</c> (the variable Powertools' loggers read, so a shared Logs Insights query keeps working).
    /// </summary>
    public static HostingOptions FromEnvironment(Func<string, string?> environment) => new()
    {
        Log = LogSink.StandardOutput(LogLevelNames.Parse(environment("AWS_LAMBDA_LOG_LEVEL"))),
        Service = ServiceFrom(environment),
    };

    public static string ServiceFrom(Func<string, string?> environment) =>
        environment("POWERTOOLS_SERVICE_NAME") is { Length: > 0 } name ? name : StructuredLogger.DefaultService;

    public HostingOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(Log, nameof(Log));
        ArgumentNullException.ThrowIfNull(FunctionArnFor, nameof(FunctionArnFor));
        if (DeadlineMargin < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(DeadlineMargin), DeadlineMargin,
                "HostingOptions.DeadlineMargin must not be negative.");
        if (InProcessTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(InProcessTimeout), InProcessTimeout,
                "HostingOptions.InProcessTimeout must be positive.");
        return this;
    }
}
