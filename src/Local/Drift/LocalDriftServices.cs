using Amazon.SQS;
using Failover.Aws.Apply;
using Failover.Aws.Drift;
using Failover.Aws.Progress;
using Failover.Aws.Route53;
using Failover.Local.Aws;
using Failover.Local.Resources;

namespace Failover.Local.Drift;

/// <summary>
/// The drift functions' services on the local stack: every client calls the edge (so Route 53 goes through the
/// realism layer), the table and queue are the ones start-up made. Repair runs the direct applier in-process behind
/// <see cref="IDriftRepair"/> until the workflow's run starter replaces it.
/// </summary>
public sealed class LocalDriftServices : IDisposable
{
    private readonly AmazonSQSClient _sqs;

    public LocalDriftServices(Uri edgeUrl, ProvisionedResources resources, TimeProvider clock, TextWriter metricsOutput)
    {
        _sqs = new AmazonSQSClient(LocalAccount.Credentials, new AmazonSQSConfig { ServiceURL = edgeUrl.ToString(), AuthenticationRegion = LocalAccount.Region });
        // The realism layer holds Route 53's request rate; the client's own limiter need not add to it.
        var route53 = new Route53Client(new Route53ClientOptions { Endpoint = edgeUrl, RequestsPerSecond = 1000, Burst = 1000 }, credentials: LocalAccount.Credentials);
        var store = new ProgressStore(DynamoDbClientFactory.Create(edgeUrl, LocalAccount.Region, LocalAccount.Credentials), resources.ProgressTable, clock);
        var repair = new DirectDriftRepair(
            compile => new DirectApplier(route53, store, clock) { SyncPollInterval = TimeSpan.FromMilliseconds(500), CompileOptions = compile }, clock);
        Services = new DriftServices(store, route53, _sqs.SendMessageBatchAsync, resources.DriftQueueUrl, clock, metricsOutput, repair);
    }

    public DriftServices Services { get; }

    public void Dispose() => _sqs.Dispose();
}
