namespace Failover.Service.Ports;

/// <summary>One message of a batch; <see cref="Id"/> only needs to be unique within the batch.</summary>
public sealed record QueueMessage(string Id, string Body);

/// <summary>An entry the queue refused; <see cref="SenderFault"/> says the entry itself is wrong (sending it again fails the same
/// way).</summary>
public sealed record QueueMessageFailure(string Id, string Code, string Message, bool SenderFault);

/// <summary>
/// What the queue said about each entry. A batch can succeed for some entries and fail for others, and an entry can
/// be in neither list (no answer for it): callers must treat that as not sent.
/// </summary>
public sealed record QueueBatchResult(IReadOnlyList<string> Successful, IReadOnlyList<QueueMessageFailure> Failed);

/// <summary>
/// One SendMessageBatch call (SQS's limit is ten entries). A refusal of the whole call is an
/// <see cref="AwsServiceException"/>.
/// </summary>
public delegate Task<QueueBatchResult> SendMessageBatch(string queueUrl, IReadOnlyList<QueueMessage> messages,
    CancellationToken cancellationToken);
