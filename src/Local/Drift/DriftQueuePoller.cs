using System.Globalization;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Failover.Functions.Handlers.Drift;
using Failover.Local.Aws;
using Failover.Local.Lambda;
using Failover.Service.Logging;

namespace Failover.Local.Drift;

/// <summary>
/// The SQS event source mapping of the drift worker, with ReportBatchItemFailures: receive up to a batch of messages,
/// invoke <c>DriftWorker</c> with the SQS event, delete the messages it did not list in <c>batchItemFailures</c>, and
/// leave the listed ones (or all of them, if the invocation failed) to become visible again after the visibility
/// timeout. The queue's redrive policy then moves a message received too often to the dead-letter queue (moto does
/// this on the receive after the last allowed one, as SQS does).
/// </summary>
public sealed class DriftQueuePoller : IAsyncDisposable
{
    private static readonly TimeSpan PauseAfterError = TimeSpan.FromSeconds(1);

    private readonly IAmazonSQS _sqs;
    private readonly ILambdaInvoker _functions;
    private readonly string _queueUrl;
    private readonly string _queueArn;
    private readonly DriftEmulationSettings _settings;
    private readonly StructuredLogger? _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _invocations;
    private long _deleted;
    private long _returned;

    public DriftQueuePoller(IAmazonSQS sqs, ILambdaInvoker functions, string queueUrl, string queueArn, DriftEmulationSettings settings,
        StructuredLogger? log)
    {
        _sqs = sqs;
        _functions = functions;
        _queueUrl = queueUrl;
        _queueArn = queueArn;
        _settings = settings;
        _log = log;
        _loop = Task.Run(() => PollAsync(_stop.Token));
    }

    /// <summary>Worker invocations so far, messages deleted after success, and messages left to come back.</summary>
    public (long Invocations, long Deleted, long Returned) Counts =>
        (Interlocked.Read(ref _invocations), Interlocked.Read(ref _deleted), Interlocked.Read(ref _returned));

    private async Task PollAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure)
            {
                _log?.Error("drift queue: polling failed", failure);
                try { await Task.Delay(PauseAfterError, stop); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task PollOnceAsync(CancellationToken stop)
    {
        var received = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = _queueUrl,
            MaxNumberOfMessages = _settings.BatchSize,
            // Long polling: an empty queue costs one request a second, not a busy loop.
            WaitTimeSeconds = 1,
            VisibilityTimeout = (int)_settings.VisibilityTimeout.TotalSeconds,
            MessageSystemAttributeNames = ["All"],
            MessageAttributeNames = ["All"],
        }, stop);
        if (received.Messages is not { Count: > 0 } messages) return;

        Interlocked.Increment(ref _invocations);
        var payload = JsonSerializer.SerializeToUtf8Bytes(EventFor(messages), DriftJsonContext.Default.SqsEvent);
        var result = await _functions.InvokeAsync(DriftHandlers.WorkerName, payload, stop);
        HashSet<string> failed;
        if (result.Failed)
        {
            // A failed invocation returns the whole batch, as the mapping does.
            _log?.Warn($"drift queue: {DriftHandlers.WorkerName} failed; {messages.Count} message(s) return to the queue");
            failed = messages.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            failed = FailedIds(result.Payload, messages);
        }

        var done = messages.Where(m => !failed.Contains(m.MessageId)).ToList();
        Interlocked.Add(ref _returned, messages.Count - done.Count);
        if (done.Count == 0) return;
        var deleted = await _sqs.DeleteMessageBatchAsync(new DeleteMessageBatchRequest
        {
            QueueUrl = _queueUrl,
            Entries =
                done.Select((m, i) => new DeleteMessageBatchRequestEntry(i.ToString(CultureInfo.InvariantCulture), m.ReceiptHandle))
                .ToList(),
        }, stop);
        Interlocked.Add(ref _deleted, deleted.Successful?.Count ?? 0);
        foreach (var failure in deleted.Failed ?? [])
            _log?.Warn($"drift queue: could not delete a processed message ({failure.Code}: {failure.Message}); it will be processed " +
                $"again");
    }

    /// <summary>The ids the worker reported; an answer that is not a batch response fails the whole batch, as in AWS.</summary>
    private HashSet<string> FailedIds(ReadOnlyMemory<byte> payload, List<Message> messages)
    {
        try
        {
            var response = JsonSerializer.Deserialize(payload.Span, DriftJsonContext.Default.SqsBatchResponse);
            return (response?.BatchItemFailures ?? []).Select(f => f.ItemIdentifier).ToHashSet(StringComparer.Ordinal);
        }
        catch (JsonException invalid)
        {
            _log?.Warn($"drift queue: {DriftHandlers.WorkerName} answered something other than a batch response ({invalid.Message}); " +
                $"the batch returns to the queue");
            return messages.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        }
    }

    private SqsEvent EventFor(List<Message> messages) => new()
    {
        Records = messages.Select(m => new SqsMessage
        {
            MessageId = m.MessageId,
            ReceiptHandle = m.ReceiptHandle,
            Body = m.Body,
            Attributes = m.Attributes ?? new Dictionary<string, string>(),
            MessageAttributes = (m.MessageAttributes ?? []).ToDictionary(a => a.Key, a => new SqsMessageAttribute
            {
                StringValue = a.Value.StringValue,
                DataType = a.Value.DataType,
                BinaryValue = a.Value.BinaryValue is { } binary ? Convert.ToBase64String(binary.ToArray()) : null,
            }),
            Md5OfBody = m.MD5OfBody,
            EventSourceArn = _queueArn,
            AwsRegion = LocalAccount.Region,
        }).ToList(),
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
