namespace Failover.Service.Drift;

/// <summary>One queue message as the worker sees it.</summary>
public sealed record DriftWorkItem(string MessageId, string Body);

/// <summary>
/// What a batch came to: the messages to report as <c>batchItemFailures</c> (the queue makes them visible again; after
/// the redrive policy's receive count they go to the dead-letter queue), the checks that ran, and each message's
/// result (its zone's reads and what they cost).
/// </summary>
public sealed record DriftBatchResult(IReadOnlyList<string> FailedMessageIds, IReadOnlyList<DriftCheckResult> Results)
{
    public IReadOnlyList<ZoneDriftResult> Messages { get; init; } = [];
}

/// <summary>
/// Works through a batch of drift messages — each the trees of one zone — one message at a time, and reports each
/// message's failure on its own, so one bad message (a vanished zone, a body that is not a drift message) does not send
/// the others back to the queue. A message fails when any of its trees' checks failed: the queue brings it back and
/// every tree of it is checked again (a check is a read and a report; a repair already started holds its tree, which
/// the next check skips). When the invocation's time runs out, the messages not yet done are reported as failed and
/// come back later.
/// </summary>
public sealed class DriftWorker(Func<DriftWorkOrder, CancellationToken, Task<ZoneDriftResult>> check)
{
    /// <summary>Told about each failed message, once per tree that failed (the handler logs it).</summary>
    public Action<DriftWorkItem, Exception>? OnFailure { get; init; }

    public async Task<DriftBatchResult> ProcessAsync(IReadOnlyList<DriftWorkItem> batch, CancellationToken cancellationToken = default)
    {
        var failed = new List<string>();
        var results = new List<DriftCheckResult>();
        var messages = new List<ZoneDriftResult>();
        foreach (var item in batch)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                failed.Add(item.MessageId);
                continue;
            }
            try
            {
                var result = await check(DriftMessage.Read(item.Body), cancellationToken).ConfigureAwait(false);
                messages.Add(result);
                results.AddRange(result.Results);
                foreach (var failure in result.Failures) OnFailure?.Invoke(item, failure.Error);
                if (result.Failures.Count > 0) failed.Add(item.MessageId);
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
        return new DriftBatchResult(failed, results) { Messages = messages };
    }
}
