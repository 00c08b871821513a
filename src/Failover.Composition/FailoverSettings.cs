using Amazon.Runtime;
using Failover.Api;
using Failover.Service.Drift;
using Failover.Service.Events;
using Failover.Service.Logging;
using Failover.Service.Workflow;
using Failover.Service.Zones;

namespace Failover.Composition;

/// <summary>
/// Everything <see cref="FailoverServices"/> needs to build the service, in one typed record: where AWS calls go, the
/// progress table, the state machine runs start, this deployment's share of the Route 53 request rate, and the
/// workflow's, drift's and API's own settings. The deployed functions read it from their environment
/// (<see cref="FromEnvironment"/>); the local stack and the CLI fill it in. <see cref="Validated"/> names the setting
/// that is wrong.
/// </summary>
public sealed record FailoverSettings
{
    /// <summary>One URL for every AWS service (the local stack's edge, moto); null: AWS's own endpoints.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The region of the regional services (DynamoDB, SQS, Step Functions); null: the SDK's resolution.</summary>
    public string? Region { get; init; }

    /// <summary>Credentials for every client; null: the SDK's credential chain.</summary>
    public AWSCredentials? Credentials { get; init; }

    /// <summary>
    /// The variables the AWS SDKs read for per-service endpoints (<c>AWS_ENDPOINT_URL_ROUTE_53</c>, ...), used when
    /// <see cref="Endpoint"/> is null.
    /// </summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// This deployment's share of the account-wide Route 53 request rate (<c>FAILOVER_ROUTE53_RPS</c>); null: the client's
    /// default, the 5 requests/s Route 53 allows an account. The burst is the rate, at least 1, unless
    /// <see cref="Route53Burst"/> says otherwise.
    /// </summary>
    public double? Route53RequestsPerSecond { get; init; }

    public int? Route53Burst { get; init; }

    /// <summary>
    /// The Route 53 operations paced by a bucket of their own (<c>Route53ClientOptions.OperationLimits</c>); null: Route
    /// 53's documented buckets. A stand-in endpoint that models none (the local stack by default) sets none.
    /// </summary>
    public IReadOnlyDictionary<string, Failover.Aws.Http.OperationLimit>? Route53OperationLimits { get; init; }

    /// <summary>The provisioning state machine runs start (<c>FAILOVER_STATE_MACHINE_ARN</c>); null: none, so no runs.</summary>
    public string? StateMachineArn { get; init; }

    /// <summary>The workflow's settings; its <see cref="WorkflowOptions.TableName"/> is the progress table of every part.</summary>
    public WorkflowOptions Workflow { get; init; } = new();

    public DriftOptions Drift { get; init; } = new();

    public ApiOptions Api { get; init; } = new();

    /// <summary>What the events link to (<c>FAILOVER_API_URL</c>).</summary>
    public EventOptions Events { get; init; } = new();

    /// <summary>
    /// The EventBridge bus the service's events go to (<c>FAILOVER_EVENT_BUS</c>): the account's default bus unless set;
    /// null publishes none.
    /// </summary>
    public string? EventBusName { get; init; } = Failover.Aws.EventBridge.EventBridgeClientOptions.DefaultBus;

    /// <summary>
    /// The name prefix of the CloudWatch alarms the workflow keeps on every health check a tree owns
    /// (<c>FAILOVER_HEALTH_ALARM_PREFIX</c>; the template's <c>&lt;stack&gt;-health-</c>). Null keeps none.
    /// </summary>
    public string? HealthCheckAlarmPrefix { get; init; }

    /// <summary>
    /// Where the runs' and answers' metric lines go (Embedded Metric Format; a deployed function's standard output, which
    /// CloudWatch Logs turns into metrics). Null writes none.
    /// </summary>
    public TextWriter? MetricsOutput { get; init; }

    /// <summary>Where the parts log what they cannot put elsewhere (an event not published); null: nowhere.</summary>
    public StructuredLogger? Log { get; init; }

    /// <summary>
    /// The hosted zones this deployment may change (<c>ALLOWED_HOSTED_ZONE_IDS</c>): the API, every workflow step and the
    /// drift repair check it before writing. Empty (the default) allows none.
    /// </summary>
    public ZoneAllowList AllowedZones { get; init; } = ZoneAllowList.None;

    public string TableName => Workflow.TableName;

    /// <summary>The settings of a deployed function, from the variables the template sets.</summary>
    public static FailoverSettings FromEnvironment(Func<string, string?> environment)
    {
        var drift = DriftOptions.FromEnvironment(environment);
        return new FailoverSettings
        {
            Environment = environment,
            Route53RequestsPerSecond = drift.Route53RequestsPerSecond,
            StateMachineArn = drift.StateMachineArn,
            Workflow = WorkflowOptions.FromEnvironment(environment),
            Drift = drift,
            Api = ApiOptions.FromEnvironment(environment),
            Events = EventOptions.FromEnvironment(environment),
            EventBusName = environment(Failover.Aws.EventBridge.EventBridgeClientOptions.BusVariable) is { Length: > 0 } bus
                ? bus.Trim() : Failover.Aws.EventBridge.EventBridgeClientOptions.DefaultBus,
            Log = new StructuredLogger(LogSink.StandardOutput(), TimeProvider.System),
            MetricsOutput = Console.Out,
            HealthCheckAlarmPrefix = environment(Failover.Service.Alarms.HealthCheckAlarmSource.PrefixVariable) is { Length: > 0 } prefix
                ? prefix.Trim() : null,
            AllowedZones = ZoneAllowList.FromEnvironment(environment),
        }.Validated();
    }

    public FailoverSettings Validated()
    {
        const string owner = nameof(FailoverSettings);
        if (Endpoint is not null
            && (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps)))
            throw new ArgumentException($"{owner}.Endpoint must be an absolute http or https URL; it is '{Endpoint}'.");
        if (Route53RequestsPerSecond is { } rate && (!(rate > 0) || double.IsInfinity(rate)))
            throw new ArgumentException($"{owner}.Route53RequestsPerSecond ({DriftOptions.Route53RateVariable}) must be a positive " +
                $"number; it is {rate}.");
        if (Route53Burst is < 1)
            throw new ArgumentException($"{owner}.Route53Burst must be at least 1; it is {Route53Burst}.");
        if (StateMachineArn is not null && !StateMachineArn.StartsWith("arn:", StringComparison.Ordinal))
            throw new ArgumentException($"{owner}.StateMachineArn ({DriftOptions.StateMachineVariable}) must be the state machine's " +
                $"ARN; it is '{StateMachineArn}'.");
        ArgumentNullException.ThrowIfNull(AllowedZones, $"{owner}.AllowedZones");
        Workflow.Validated();
        Drift.Validated();
        Api.Validated();
        Events.Validated();
        // CloudWatch API reference, PutMetricAlarm: AlarmName is 1 to 255 characters; a health check id adds 36.
        if (HealthCheckAlarmPrefix is { } alarmPrefix && (string.IsNullOrWhiteSpace(alarmPrefix) || alarmPrefix.Length > 200))
            throw new ArgumentException($"{owner}.HealthCheckAlarmPrefix ({Service.Alarms.HealthCheckAlarmSource.PrefixVariable}) must " +
                $"be 1 to 200 characters, or null for no alarms; it is '{alarmPrefix}'.");
        if (EventBusName is { } name && string.IsNullOrWhiteSpace(name))
            throw new ArgumentException($"{owner}.EventBusName ({Failover.Aws.EventBridge.EventBridgeClientOptions.BusVariable}) must " +
                "name the event bus, or be null for no events.");
        return this;
    }
}
