using Amazon.Runtime;
using Amazon.SQS;
using Failover.Store;
using Failover.Service.Progress;
using Failover.Core.Spec;

namespace Failover.Aws.Tests.Drift;

/// <summary>Queues and applied trees in moto for the drift tests.</summary>
internal static class DriftTestStores
{
    public static AmazonSQSClient Sqs(MotoFixture moto) => new(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonSQSConfig { ServiceURL = moto.Url.ToString(), AuthenticationRegion = "us-east-1" });

    public static async Task<string> NewQueueAsync(AmazonSQSClient sqs) =>
        (await sqs.CreateQueueAsync("drift-" + Guid.NewGuid().ToString("N")[..12])).QueueUrl;

    /// <summary>Stores the spec as a version and makes it the tree's current one, as a successful run does.</summary>
    public static async Task<int> RecordAppliedAsync(ProgressStore store, TreeSpec spec, TimeProvider time)
    {
        var version = await store.PutVersionAsync(TreeDescriptor.From(spec), SpecJsonWriter.Write(spec));
        var runId = RunIds.New(time);
        await store.CreateRunAsync(new NewRun(runId, spec.Name, version, RunKind.Apply));
        await store.SetRunStatusAsync(runId, RunStatus.Succeeded);
        return version;
    }

    /// <summary>Every message on the queue, received and deleted.</summary>
    public static async Task<List<string>> DrainAsync(AmazonSQSClient sqs, string queueUrl)
    {
        var bodies = new List<string>();
        while (true)
        {
            var received =
                await sqs.ReceiveMessageAsync(new Amazon.SQS.Model.ReceiveMessageRequest { QueueUrl = queueUrl, MaxNumberOfMessages = 10 });
            if (received.Messages is not { Count: > 0 } messages) return bodies;
            foreach (var message in messages)
            {
                bodies.Add(message.Body);
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
    }
}
