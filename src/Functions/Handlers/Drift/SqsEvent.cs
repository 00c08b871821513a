using System.Text.Json.Serialization;

namespace Failover.Functions.Handlers.Drift;

/// <summary>The event an SQS event source mapping invokes a function with: up to the mapping's batch size of messages.</summary>
public sealed record SqsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsMessage> Records { get; init; } = [];
}

/// <summary>One message of an <see cref="SqsEvent"/>, in Lambda's field names.</summary>
public sealed record SqsMessage
{
    [JsonPropertyName("messageId")] public string MessageId { get; init; } = "";
    [JsonPropertyName("receiptHandle")] public string? ReceiptHandle { get; init; }
    [JsonPropertyName("body")] public string Body { get; init; } = "";
    /// <summary>ApproximateReceiveCount, SentTimestamp, SenderId, ApproximateFirstReceiveTimestamp, …</summary>
    [JsonPropertyName("attributes")] public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    [JsonPropertyName("messageAttributes")] public IReadOnlyDictionary<string, SqsMessageAttribute>? MessageAttributes { get; init; }
    [JsonPropertyName("md5OfBody")] public string? Md5OfBody { get; init; }
    [JsonPropertyName("eventSource")] public string EventSource { get; init; } = "aws:sqs";
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }
}

public sealed record SqsMessageAttribute
{
    [JsonPropertyName("stringValue")] public string? StringValue { get; init; }
    [JsonPropertyName("binaryValue")] public string? BinaryValue { get; init; }
    [JsonPropertyName("dataType")] public string? DataType { get; init; }
}

/// <summary>
/// The answer that reports partial batch failures (the mapping needs <c>ReportBatchItemFailures</c>): the listed
/// messages return to the queue, every other one is deleted.
/// </summary>
public sealed record SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")]
    public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; init; } = [];
}

public sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
