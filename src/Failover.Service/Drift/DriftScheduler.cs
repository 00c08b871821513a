using System.Globalization;
using Failover.Service.Ports;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;

namespace Failover.Service.Drift;


/// <summary>What a scheduling pass did. <see cref="Failed"/> holds the trees whose message could not be sent.</summary>
public sealed record DriftScheduleResult(int Scheduled, int Skipped, IReadOnlyList<DriftScheduleFailure> Failed)
{
    public bool Succeeded => Failed.Count == 0;
}

public sealed record DriftScheduleFailure(string Tree, string Reason);

/// <summary>
/// The scheduled fan-out: one drift queue message per applied tree, sent ten at a time (SendMessageBatch's limit), so
/// each tree is checked by its own worker invocation and one bad tree cannot hold up the rest. SendMessageBatch can
/// succeed for some entries and fail for others; the failed ones are sent again (unless SQS blames the request
/// itself), and what still fails is returned by tree.
/// </summary>
public sealed class DriftScheduler(IProgressStore store, SendMessageBatch send, string queueUrl, TimeProvider time)
{
    public const int BatchSize = 10;

    /// <summary>Sends of one entry, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Where the cycle's <see cref="DriftMetrics.ScheduledMetricName"/> goes (null: nowhere).</summary>
    public DriftMetrics? Metrics { get; init; }

    public async Task<DriftScheduleResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var scheduled = 0;
        var skipped = 0;
        var failed = new List<DriftScheduleFailure>();
        var batch = new List<string>(BatchSize);
        await foreach (var tree in store.ListAllTreesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!IsActive(tree))
            {
                skipped++;
                continue;
            }
            batch.Add(tree.Name);
            if (batch.Count < BatchSize) continue;
            scheduled += await SendAsync(batch, failed, cancellationToken).ConfigureAwait(false);
            batch.Clear();
        }
        if (batch.Count > 0) scheduled += await SendAsync(batch, failed, cancellationToken).ConfigureAwait(false);
        // Only a cycle that got this far counts: one that could not even list the trees leaves the metric missing.
        Metrics?.WriteScheduled(scheduled, time.GetUtcNow());
        return new DriftScheduleResult(scheduled, skipped, failed);
    }

    /// <summary>A tree with an applied version that is not being torn down.</summary>
    public static bool IsActive(TreeRecord tree) =>
        tree.CurrentVersion is not null && tree.Status is not (TreeStatus.Deleting or TreeStatus.Deleted);

    /// <returns>How many of the trees were sent.</returns>
    private async Task<int> SendAsync(IReadOnlyList<string> trees, List<DriftScheduleFailure> failed, CancellationToken cancellationToken)
    {
        // Entry ids only need to be unique within one request: the tree's position in the batch.
        var pending = trees.Select((tree, i) => (Id: i.ToString(CultureInfo.InvariantCulture), Tree: tree)).ToList();
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var sent = 0;
        for (var attempt = 1; pending.Count > 0 && attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1) await Task.Delay(RetryDelay * (attempt - 1), time, cancellationToken).ConfigureAwait(false);
            QueueBatchResult response;
            try
            {
                response =
                    await send(queueUrl, pending.Select(p => new QueueMessage(p.Id, DriftMessage.Write(p.Tree))).ToList(),
                    cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (AwsServiceException error)
            {
                foreach (var entry in pending) reasons[entry.Id] = $"{error.Code}: {error.ServiceMessage}";
                continue;
            }

            var retry = new HashSet<string>(StringComparer.Ordinal);
            sent += response.Successful.Count(id => pending.Any(p => p.Id == id));
            foreach (var entry in response.Failed)
            {
                reasons[entry.Id] = $"{entry.Code}: {entry.Message}";
                // A sender's fault (a malformed entry) fails the same way every time.
                if (!entry.SenderFault) retry.Add(entry.Id);
                else failed.Add(new DriftScheduleFailure(pending.Single(p => p.Id == entry.Id).Tree, reasons[entry.Id]));
            }
            var answered = response.Successful.Concat(response.Failed.Select(f => f.Id)).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in pending.Where(p => !answered.Contains(p.Id)))
            {
                reasons[entry.Id] = "SQS answered neither success nor failure for this entry";
                retry.Add(entry.Id);
            }
            pending = pending.Where(p => retry.Contains(p.Id)).ToList();
        }
        failed.AddRange(pending.Select(p => new DriftScheduleFailure(p.Tree, $"{reasons[p.Id]} (after {MaxAttempts} attempts)")));
        return sent;
    }
}
