using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;
using Failover.Service.Ports;

namespace Failover.Aws.Clients;

/// <summary>The service's <see cref="SendMessageBatch"/> port on the SDK's SQS client.</summary>
public static class SqsMessageBatches
{
    public static SendMessageBatch For(IAmazonSQS sqs) => async (queueUrl, messages, cancellationToken) =>
    {
        SendMessageBatchResponse response;
        try
        {
            response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = messages.Select(m => new SendMessageBatchRequestEntry(m.Id, m.Body)).ToList(),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException error)
        {
            throw new AwsServiceException(error.ErrorCode ?? "Unknown", error.Message, error.StatusCode, error.RequestId,
                isRetryable: error.Retryable is not null || (int)error.StatusCode >= 500, error);
        }
        return new QueueBatchResult(
            (response.Successful ?? []).Select(s => s.Id).ToList(),
            (response.Failed ?? []).Select(f => new QueueMessageFailure(f.Id, f.Code, f.Message, f.SenderFault == true)).ToList());
    };
}
