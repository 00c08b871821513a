using Amazon.SQS;
using Failover.Aws.Route53;
using Failover.Aws.StepFunctions;
using Failover.Local;
using Failover.Local.Aws;
using Failover.Local.Resources;
using Failover.Service.Workflow;
using Failover.Store;

namespace Failover.Testing.Stack;

/// <summary>
/// A started local stack (<see cref="TestStackBuilder"/>) and the clients every user of it needs, all through the edge
/// as any client of the account: the progress table, Step Functions, Route 53, SQS and the realism layer's controls.
/// Disposing it stops the stack and its moto.
/// </summary>
public sealed class TestStack : IAsyncDisposable
{
    private readonly string? _emptyStateMachineDirectory;
    private readonly Lazy<AmazonSQSClient> _sqs;

    internal TestStack(LocalStack local, LocalStackOptions options, ProgressStore store, TimeProvider clock, WorkflowServices? workflow,
        string? emptyStateMachineDirectory)
    {
        Local = local;
        WorkflowOptions = options.Workflow;
        Store = store;
        Clock = clock;
        Workflow = workflow;
        _emptyStateMachineDirectory = emptyStateMachineDirectory;
        States = new StepFunctionsClient(new StepFunctionsClientOptions { Region = LocalAccount.Region, Endpoint = local.EdgeUrl },
            credentials: LocalAccount.Credentials);
        Route53 = new Route53Client(
            new Route53ClientOptions { Endpoint = local.EdgeUrl, OperationLimits = options.Realism.ClientOperationLimits },
            credentials: LocalAccount.Credentials);
        Realism = new RealismClient(local.EdgeUrl);
        _sqs = new Lazy<AmazonSQSClient>(() => new AmazonSQSClient(LocalAccount.Credentials,
            new AmazonSQSConfig { ServiceURL = local.EdgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region }));
    }

    public LocalStack Local { get; }
    public Uri EdgeUrl => Local.EdgeUrl;
    public Uri ApiUrl => Local.ApiUrl;
    public Uri MotoUrl => Local.MotoUrl;
    public ProvisionedResources Resources =>
        Local.Resources ?? throw new InvalidOperationException("the stack was started without resources");
    public string ZoneName => LocalResourceNames.DemoZone;

    /// <summary>The demo zone's id as Route 53 paths carry it: <c>/hostedzone/…</c>.</summary>
    public string HostedZonePath => Resources.HostedZones[ZoneName];

    /// <summary>The demo zone's bare id, as specs name it.</summary>
    public string ZoneId => HostedZonePath.Split('/').Last();

    /// <summary>The bare id of the private zone of this name (<see cref="TestStackBuilder.WithPrivateZone"/>).</summary>
    public string PrivateZoneId(string name) => Resources.PrivateHostedZones[name].Split('/').Last();

    public string StateMachineArn => Resources.StateMachines[StateMachineLocator.DefaultName];
    public WorkflowOptions WorkflowOptions { get; }

    /// <summary>The deployment's clock (<see cref="TestStackBuilder.WithClock"/>).</summary>
    public TimeProvider Clock { get; }

    /// <summary>The progress table, on the deployment's clock.</summary>
    public ProgressStore Store { get; }

    /// <summary>
    /// The in-process workflow functions' services (<see cref="TestStackBuilder.WithInProcessWorkflow"/>); null otherwise.
    /// </summary>
    public WorkflowServices? Workflow { get; }

    public StepFunctionsClient States { get; }

    /// <summary>Route 53 with the service's defaults (5 requests/s, retries on throttling), through the realism layer.</summary>
    public Route53Client Route53 { get; }

    public AmazonSQSClient Sqs => _sqs.Value;

    /// <summary>The realism layer's settings and counters, over HTTP.</summary>
    public RealismClient Realism { get; }

    public async ValueTask DisposeAsync()
    {
        await Local.DisposeAsync();
        Realism.Dispose();
        if (_sqs.IsValueCreated) _sqs.Value.Dispose();
        if (_emptyStateMachineDirectory is not null) Directory.Delete(_emptyStateMachineDirectory, recursive: true);
    }
}
