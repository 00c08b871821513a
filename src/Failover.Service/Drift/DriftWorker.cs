namespace Failover.Service.Drift;

/// <summary>One queue message as the worker sees it.</summary>
public sealed record DriftWorkItem(string MessageId, string Body);

/// <summary>
/// What a batch came to: the messages to report as <c>batchItemFailures</c> (the queue makes them visible again; after
/// the redrive policy's receive count they go to the dead-letter queue) and the checks that ran.
/// </summary>
public sealed record DriftBatchResult(IReadOnlyList<string> FailedMessageIds, IReadOnlyList<DriftCheckResult> Results);

/// <summary>
/// Works through a batch of drift messages, one tree at a time, and reports each message's failure on its own, so one
/// bad tree (a vanished zone, a spec that no longer loads) does not send the others back to the queue. When the
/// invocation's time runs out, the messages not yet done are reported as failed and come back later.
/// </summary>
public sealed class DriftWorker(Func<string, CancellationToken, Task<DriftCheckResult>> check)
{
    /// <summary>Told about each failed message (the handler logs it).</summary>
    public Action<DriftWorkItem, Exception>? OnFailure { get; init; }

    public async Task<DriftBatchResult> ProcessAsync(IReadOnlyList<DriftWorkItem> batch, CancellationToken cancellationToken = default)
    {
        var failed = new List<string>();
        var results = new List<DriftCheckResult>();
        foreach (var item in batch)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                failed.Add(item.MessageId);
                continue;
            }
            try
            {
                results.Add(await check(DriftMessage.Read(item.Body), cancellationToken).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                failed.Add(item.MessageId);
            }
            catch (Exception error)
            {
                OnFailure?.Invoke(item, error);
                failed.Add(item.MessageId);
            }
        }
        return new DriftBatchResult(failed, results);
    }
}
