using Failover.Aws.Route53;
using Failover.Aws.StepFunctions;
using Failover.Composition;
using Failover.Service.Alarms;
using Failover.Service.Workflow;
using Failover.Store;

namespace Failover.Cli.Input;

/// <summary>
/// Where the commands that touch AWS send their calls: <c>--endpoint URL</c> (every service at one URL, as the local
/// stack's edge serves them), else <c>AWS_ENDPOINT_URL</c>, else the local stack at http://127.0.0.1:4566.
/// <c>--endpoint aws</c> means the real AWS endpoints, with the SDK's credential chain and region.
/// </summary>
/// <param name="HealthCheckAlarmPrefix">The deployment's health check alarm prefix: its plans read the alarms and a direct
/// apply keeps them, as the workflow does. From <c>FAILOVER_HEALTH_ALARM_PREFIX</c>; the local stack's own when the target
/// is the local stack at its default address and the variable is unset; null keeps none.</param>
public sealed record ServiceTarget(Uri? Endpoint, string TableName, double RequestsPerSecond, string? HealthCheckAlarmPrefix = null)
{
    public const string LocalStack = "http://127.0.0.1:4566";
    public const string DefaultTable = "failover-progress";

    public static ServiceTarget Resolve(string? endpoint, string? table, double? requestsPerSecond)
    {
        endpoint ??= Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") ?? LocalStack;
        var alarms = Environment.GetEnvironmentVariable(HealthCheckAlarmSource.PrefixVariable) is { Length: > 0 } prefix ? prefix.Trim()
            : endpoint == LocalStack ? HealthCheckAlarmSource.LocalStackPrefix : null;
        Uri? uri = null;
        if (!string.Equals(endpoint, "aws", StringComparison.OrdinalIgnoreCase)
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
            throw new CliUsageException($"--endpoint must be an http(s) URL or 'aws'; it is '{endpoint}'");
        if (requestsPerSecond is <= 0) throw new CliUsageException("--rate must be a positive number of requests per second");
        return new ServiceTarget(uri, table ?? DefaultTable, requestsPerSecond ?? 5, alarms);
    }

    public bool IsLocal => Endpoint is not null;

    /// <summary>The one composition root, with this target's endpoint, table, rate and credentials (built on first use).</summary>
    public FailoverServices Services => _services ??= FailoverServices.Create(new FailoverSettings
    {
        Endpoint = Endpoint,
        Credentials = LocalCredentials(),
        Route53RequestsPerSecond = RequestsPerSecond,
        // A stand-in endpoint (the local stack) answers by Route 53's per-operation buckets only when started with
        // --operation-limits; pacing creates at 0.5/s there would only slow it. Against AWS: the documented buckets.
        Route53OperationLimits = IsLocal ? Aws.Route53.Route53OperationLimits.None : null,
        HealthCheckAlarmPrefix = HealthCheckAlarmPrefix,
        Workflow = new WorkflowOptions { TableName = TableName },
    });

    private FailoverServices? _services;

    public Route53Client Route53() => Services.Route53;

    /// <summary>Step Functions: the local stack's region when local, else the SDK's region resolution.</summary>
    public StepFunctionsClient StepFunctions() => Services.States;

    public ProgressStore Progress() => Services.Store;

    /// <summary>Starts runs of the state machine <paramref name="stateMachineArn"/> (the CLI finds it by name).</summary>
    public RunStarter Runs(string stateMachineArn) =>
        new(Services.Store, Services.States, stateMachineArn, Services.Time, Services.Settings.Workflow.LockTtl)
        {
            // A run the CLI starts is announced like one the API starts (best effort: a caller without PutEvents loses only
            // the event).
            Events = Services.Events,
        };

    /// <summary>The local stack takes any credentials; a newcomer without an AWS profile must not need one.</summary>
    private Amazon.Runtime.AWSCredentials? LocalCredentials() =>
        IsLocal && Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") is null
            ? new Amazon.Runtime.BasicAWSCredentials("local", "local")
            : null;
}
