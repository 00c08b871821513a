using Amazon.SQS;
using Failover.Api;
using Failover.Aws.Clients;
using Failover.Aws.CloudWatch;
using Failover.Aws.EventBridge;
using Failover.Aws.Route53;
using Failover.Aws.StepFunctions;
using Failover.Service.Adapters;
using Failover.Service.Alarms;
using Failover.Service.Drift;
using Failover.Service.Events;
using Failover.Service.Health;
using Failover.Service.Metrics;
using Failover.Service.Ports;
using Failover.Service.Workflow;
using Failover.Store;

namespace Failover.Composition;

/// <summary>
/// The one composition root: builds the service's parts from <see cref="FailoverSettings"/> for the deployed
/// functions, the local stack and the CLI, so they differ only in settings. Each part is built on first use and once
/// (a cold start pays only for what its one handler uses; the drift check and the API share one
/// <see cref="RunStarter"/>).
/// </summary>
public sealed class FailoverServices : IDisposable
{
    private readonly Lazy<ProgressStore> _store;
    private readonly Lazy<Route53Client> _route53;
    private readonly Lazy<StepFunctionsClient> _states;
    private readonly Lazy<RunStarter?> _runs;
    private readonly Lazy<AmazonSQSClient> _sqs;
    private readonly Lazy<TreeEvents> _events;
    private readonly Lazy<HealthCheckAlarmSource?> _alarms;

    private FailoverServices(FailoverSettings settings)
    {
        Settings = settings;
        _store = new(() => new ProgressStore(
            DynamoDbClientFactory.Create(settings.Endpoint, settings.Region, settings.Credentials), settings.TableName, settings.Time));
        _route53 = new(() => new Route53Client(Route53Options(settings), credentials: settings.Credentials));
        _states = new(() => new StepFunctionsClient(StepFunctionsOptions(settings), credentials: settings.Credentials));
        _runs = new(() => settings.StateMachineArn is { } arn
            ? new RunStarter(Store, States, arn, settings.Time, settings.Workflow.LockTtl) { Events = Events }
            : null);
        // Every part that publishes events has the progress table: each event goes on its tree's timeline too.
        _events = new(() => new TreeEvents(EventBus(settings), settings.Time, settings.Events, settings.Log) { Timeline = Store });
        _sqs = new(() => Sqs(settings));
        _alarms = new(() => settings.HealthCheckAlarmPrefix is { } prefix
            ? new HealthCheckAlarmSource(new CloudWatchAlarmsClient(CloudWatchOptions(settings), credentials: settings.Credentials), prefix)
            : null);
    }

    public static FailoverServices Create(FailoverSettings settings) => new(settings.Validated());

    public FailoverSettings Settings { get; }

    public TimeProvider Time => Settings.Time;

    public ProgressStore Store => _store.Value;

    public Route53Client Route53 => _route53.Value;

    public StepFunctionsClient States => _states.Value;

    /// <summary>Starts workflow runs of <see cref="FailoverSettings.StateMachineArn"/>; null when the settings name none.</summary>
    public RunStarter? Runs => _runs.Value;

    /// <summary>The service's events, on the bus the settings name (none when they name no bus).</summary>
    public TreeEvents Events => _events.Value;

    /// <summary>The alarms kept on the trees' health checks; null when the settings name no prefix.</summary>
    public HealthCheckAlarmSource? Alarms => _alarms.Value;

    /// <summary>Publishes <c>Tree Answer Changed</c> when a tree's health check changes state.</summary>
    public AnswerWatcher Answers() => new(Store, Route53, Events) { Metrics = RunMetrics };

    /// <summary>The runs' and answers' metrics, on <see cref="FailoverSettings.MetricsOutput"/> (none when it is null).</summary>
    public RunMetrics RunMetrics => Settings.MetricsOutput is { } output ? new RunMetrics(output, Time) : RunMetrics.None;

    /// <summary>The provisioning workflow's clients and settings.</summary>
    public WorkflowServices Workflow() =>
        new(Route53, Store, Time, Settings.Workflow)
        {
            AllowedZones = Settings.AllowedZones, Events = Events, Route53Rate = Route53.RequestRate, Alarms = Alarms,
            Route53OperationBuckets = Route53.OperationRates, Metrics = RunMetrics,
        };

    /// <summary>
    /// The drift functions' services. A repair is a workflow run when the settings name a state machine; else
    /// <paramref name="repairWithoutRuns"/> (the scheduler needs none).
    /// </summary>
    /// <param name="metrics">Where the drift metric lines go (Lambda: standard output, which CloudWatch Logs reads).</param>
    public DriftServices Drift(TextWriter metrics, IDriftRepair? repairWithoutRuns = null) =>
        new(Store, Route53, SqsMessageBatches.For(_sqs.Value), Settings.Drift.QueueUrl, Time, metrics,
            Runs is { } runs ? new RunStarterDriftRepair(runs) : repairWithoutRuns, Settings.Drift.DefaultPolicy)
        {
            AllowedZones = Settings.AllowedZones,
            Events = Events,
            Alarms = Alarms,
        };

    /// <summary>
    /// The HTTP API's dependencies: the store, Route 53 (reads, after the allow-list), runs and the drift check. The API
    /// checks the same <see cref="FailoverSettings.AllowedZones"/> as the workflow and the drift repair.
    /// </summary>
    public ApiDependencies Api(TreeDriftCheck? drift) =>
        AwsApiDependencies.Create(Store, Route53, Runs ?? throw new ArgumentException(
                $"The HTTP API needs {DriftOptions.StateMachineVariable}: the ARN of the provisioning state machine its runs start."),
            Settings.Api with { AllowedZones = Settings.AllowedZones }, Time, drift, Alarms);

    /// <summary>
    /// Route 53's client options: the endpoint, and this deployment's share of the request rate, applied here and only
    /// here.
    /// </summary>
    public static Route53ClientOptions Route53Options(FailoverSettings settings)
    {
        var options = settings.Endpoint is { } endpoint
            ? new Route53ClientOptions { Endpoint = endpoint }
            : Route53ClientOptions.FromEnvironment(settings.Environment);
        if (settings.Route53OperationLimits is { } limits) options = options with { OperationLimits = limits };
        return settings.Route53RequestsPerSecond is { } rate
            ? options with { RequestsPerSecond = rate, Burst = settings.Route53Burst ?? Math.Max(1, (int)rate) }
            : options;
    }

    /// <summary>CloudWatch in us-east-1, where Route 53 publishes its health check metrics (or the local endpoint).</summary>
    private static CloudWatchClientOptions CloudWatchOptions(FailoverSettings settings) => settings.Endpoint is { } endpoint
        ? new CloudWatchClientOptions { Endpoint = endpoint }
        : CloudWatchClientOptions.FromEnvironment(settings.Environment);

    private static StepFunctionsClientOptions StepFunctionsOptions(FailoverSettings settings) => settings.Endpoint is { } endpoint
        ? new StepFunctionsClientOptions { Region = LocalRegion(settings), Endpoint = endpoint }
        : StepFunctionsClientOptions.FromEnvironment(settings.Region, settings.Environment);

    /// <summary>With one endpoint for every service the SDK cannot infer the region from the host name.</summary>
    private static string LocalRegion(FailoverSettings settings) => settings.Region ?? settings.Environment("AWS_REGION") ?? "us-east-1";

    private static IEventBus EventBus(FailoverSettings settings)
    {
        if (settings.EventBusName is not { } bus) return NoEventBus.Instance;
        var options = settings.Endpoint is { } endpoint
            ? new EventBridgeClientOptions { Region = LocalRegion(settings), Endpoint = endpoint }
            : EventBridgeClientOptions.FromEnvironment(settings.Region, settings.Environment);
        return new EventBridgeClient(options with { EventBusName = bus }, credentials: settings.Credentials);
    }

    private static AmazonSQSClient Sqs(FailoverSettings settings)
    {
        if (settings.Endpoint is null)
            return settings.Credentials is null ? new AmazonSQSClient() : new AmazonSQSClient(settings.Credentials);
        var config = new AmazonSQSConfig
        {
            ServiceURL = settings.Endpoint.ToString(),
            AuthenticationRegion = LocalRegion(settings),
        };
        return settings.Credentials is null ? new AmazonSQSClient(config) : new AmazonSQSClient(settings.Credentials, config);
    }

    public void Dispose()
    {
        if (_sqs.IsValueCreated) _sqs.Value.Dispose();
    }
}
