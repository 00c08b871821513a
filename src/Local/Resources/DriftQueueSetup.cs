using Amazon.SQS;
using Amazon.SQS.Model;

namespace Failover.Local.Resources;

/// <summary>The drift queue and its dead-letter queue, with the template's redrive policy.</summary>
public static class DriftQueueSetup
{
    public sealed record Queues(string Url, string Arn, string DeadLetterUrl, string DeadLetterArn);

    public static async Task<Queues> EnsureAsync(IAmazonSQS sqs, CancellationToken cancellationToken)
    {
        // CreateQueue returns the existing queue when the name is taken, so start-up is idempotent.
        var deadLetterUrl = (await sqs.CreateQueueAsync(LocalResourceNames.DriftDeadLetterQueue, cancellationToken)).QueueUrl;
        var deadLetterArn = await ArnOfAsync(sqs, deadLetterUrl, cancellationToken);
        var url = (await sqs.CreateQueueAsync(LocalResourceNames.DriftQueue, cancellationToken)).QueueUrl;
        var redrive = $$"""{"deadLetterTargetArn":"{{deadLetterArn}}","maxReceiveCount":"{{LocalResourceNames.DriftMaxReceiveCount}}"}""";
        await sqs.SetQueueAttributesAsync(url, new Dictionary<string, string> { [QueueAttributeName.RedrivePolicy] = redrive },
            cancellationToken);
        return new Queues(url, await ArnOfAsync(sqs, url, cancellationToken), deadLetterUrl, deadLetterArn);
    }

    private static async Task<string> ArnOfAsync(IAmazonSQS sqs, string url, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(url, [QueueAttributeName.QueueArn], cancellationToken);
        return attributes.QueueARN;
    }
}
