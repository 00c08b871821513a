using Failover.Aws.Clients;
using Amazon.SQS;
using Failover.Service.Apply;
using Failover.Service.Drift;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Aws.Route53;
using Failover.Service.Ports.Route53;
using Failover.Aws.StepFunctions;
using Failover.Service.Workflow;
using Failover.Local.Aws;
using Failover.Local.Resources;

namespace Failover.Local.Drift;

/// <summary>
/// The drift functions' services on the local stack: every client calls the edge (so Route 53 goes through the
/// realism layer), the table, queue and state machine are the ones start-up made.
/// </summary>
public sealed class LocalDriftServices : IDisposable
{
    private readonly AmazonSQSClient _sqs;

    public LocalDriftServices(Uri edgeUrl, ProvisionedResources resources, TimeProvider clock, TextWriter metricsOutput, TimeSpan lockTtl)
    {
        _sqs =
            new AmazonSQSClient(LocalAccount.Credentials,
            new AmazonSQSConfig { ServiceURL = edgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });
        // The realism layer holds Route 53's request rate; the client's own limiter need not add to it.
        var route53 =
            new Route53Client(new Route53ClientOptions { Endpoint = edgeUrl, RequestsPerSecond = 1000, Burst = 1000 },
            credentials: LocalAccount.Credentials);
        var store =
            new ProgressStore(DynamoDbClientFactory.Create(edgeUrl, LocalAccount.Region, LocalAccount.Credentials), resources.ProgressTable,
            clock);
        // Repair is a workflow run, as deployed, when start-up made the state machine; a stack without one (tests that
        // leave the definitions out) repairs in-process with the direct applier behind the same interface.
        IDriftRepair repair = resources.StateMachines.TryGetValue(StateMachineLocator.DefaultName, out var stateMachine)
            ? new RunStarterDriftRepair(new RunStarter(store,
                new StepFunctionsClient(new StepFunctionsClientOptions { Region = LocalAccount.Region, Endpoint = edgeUrl },
                    credentials: LocalAccount.Credentials),
                stateMachine, clock, lockTtl))
            : new DirectDriftRepair(
                compile =>
                    new DirectApplier(route53, store, clock) { SyncPollInterval = TimeSpan.FromMilliseconds(500),
                    CompileOptions = compile }, clock);
        Services = new DriftServices(store, route53, SqsMessageBatches.For(_sqs), resources.DriftQueueUrl, clock, metricsOutput, repair);
    }

    public DriftServices Services { get; }

    public void Dispose() => _sqs.Dispose();
}
