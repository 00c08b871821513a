using System.Globalization;
using Failover.Core.Spec;
using Failover.Service.Ports;
using Failover.Service.Progress;
using Failover.Service.Ports.Store;

namespace Failover.Service.Drift;


/// <summary>
/// What a scheduling pass did: <see cref="Scheduled"/> trees queued in <see cref="Messages"/> messages. <see cref="Failed"/>
/// holds the trees whose message could not be sent.
/// </summary>
public sealed record DriftScheduleResult(int Scheduled, int Skipped, IReadOnlyList<DriftScheduleFailure> Failed)
{
    public int Messages { get; init; }

    public bool Succeeded => Failed.Count == 0;
}

public sealed record DriftScheduleFailure(string Tree, string Reason);

/// <summary>
/// The scheduled fan-out: the applied trees grouped by hosted zone, one drift queue message per zone (a zone of more
/// than <see cref="MaxTreesPerMessage"/> trees gets several), so the worker reads each zone and the account's health
/// checks once per message instead of once per tree. Messages go out with SendMessageBatch, at most ten and 256 KiB a
/// call. SendMessageBatch can succeed for some entries and fail for others; the failed ones are sent again (unless SQS
/// blames the request itself), and what still fails is returned by tree.
/// </summary>
public sealed class DriftScheduler(IProgressStore store, SendMessageBatch send, string queueUrl, TimeProvider time)
{
    /// <summary>SendMessageBatch takes at most ten entries (SQS API reference, SendMessageBatch).</summary>
    public const int BatchSize = 10;

    /// <summary>
    /// A message, and all the messages of one SendMessageBatch call together, are at most 256 KiB (SQS API reference,
    /// SendMessageBatch: "the maximum total payload size (the sum of the individual lengths of all of the batched
    /// messages) ... 262,144 bytes").
    /// </summary>
    public const int MaxBatchBytes = 262_144;

    /// <summary>
    /// Trees per message. The size allows far more (a tree name is at most 64 ASCII characters, 67 bytes in the list: about
    /// 3,900 fit in 256 KiB); the bound is the worker's time. One message is one invocation's work (the event source's
    /// batch size is 1) and must end well inside its 300 s timeout, or it comes back whole and ends in the dead-letter
    /// queue: per tree the worker makes about six DynamoDB calls (~50 ms), and with five checks a tree the zone's
    /// ListTagsForResources calls are 500 × 5 ÷ 10 = 250, 50 s at 5 Route 53 requests/s. 500 trees stay near 100 s; a
    /// zone of 10,000 trees is 20 messages, each reading only its run of the zone's names.
    /// </summary>
    public const int MaxTreesPerMessage = 500;

    /// <summary>Sends of one entry, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Where the cycle's <see cref="DriftMetrics.ScheduledMetricName"/> goes (null: nowhere).</summary>
    public DriftMetrics? Metrics { get; init; }

    /// <summary>Trees per message (tests lower it).</summary>
    public int TreesPerMessage { get; init; } = MaxTreesPerMessage;

    public async Task<DriftScheduleResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var skipped = 0;
        var byZone = new SortedDictionary<string, List<TreeDescriptor>>(StringComparer.Ordinal);
        await foreach (var tree in store.ListAllTreesAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!IsActive(tree))
            {
                skipped++;
                continue;
            }
            var zone = tree.Descriptor.HostedZoneId;
            if (!byZone.TryGetValue(zone, out var trees)) byZone[zone] = trees = [];
            trees.Add(tree.Descriptor);
        }
        // A zone's trees in the order Route 53 lists their names, cut into runs: each message reads its own stretch of
        // the zone (ZoneSnapshotReader), so the messages of a big zone read it about once between them, not once each.
        var messages = byZone.SelectMany(zone => zone.Value
            .OrderBy(t => DnsNames.ListingKey(t.RecordName.TrimEnd('.').ToLowerInvariant()), StringComparer.Ordinal)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => t.Name).Chunk(Math.Max(1, TreesPerMessage))
            .Select(chunk => new Outgoing(chunk, DriftMessage.Write(zone.Key, chunk)))).ToList();

        var scheduled = 0;
        var sent = 0;
        var failed = new List<DriftScheduleFailure>();
        var batch = new List<Outgoing>(BatchSize);
        var bytes = 0;
        foreach (var message in messages)
        {
            var size = System.Text.Encoding.UTF8.GetByteCount(message.Body);
            if (batch.Count > 0 && (batch.Count == BatchSize || bytes + size > MaxBatchBytes))
            {
                (var trees, var count) = await SendAsync(batch, failed, cancellationToken).ConfigureAwait(false);
                scheduled += trees;
                sent += count;
                batch.Clear();
                bytes = 0;
            }
            batch.Add(message);
            bytes += size;
        }
        if (batch.Count > 0)
        {
            (var trees, var count) = await SendAsync(batch, failed, cancellationToken).ConfigureAwait(false);
            scheduled += trees;
            sent += count;
        }
        // Only a cycle that got this far counts: one that could not even list the trees leaves the metric missing.
        Metrics?.WriteScheduled(scheduled, time.GetUtcNow());
        return new DriftScheduleResult(scheduled, skipped, failed) { Messages = sent };
    }

    private sealed record Outgoing(IReadOnlyList<string> Trees, string Body);

    /// <summary>A tree with an applied version that is not being torn down.</summary>
    public static bool IsActive(TreeRecord tree) =>
        tree.CurrentVersion is not null && tree.Status is not (TreeStatus.Deleting or TreeStatus.Deleted);

    /// <returns>How many trees and messages were sent.</returns>
    private async Task<(int Trees, int Messages)> SendAsync(IReadOnlyList<Outgoing> messages, List<DriftScheduleFailure> failed,
        CancellationToken cancellationToken)
    {
        // Entry ids only need to be unique within one request: the message's position in the batch.
        var pending = messages.Select((message, i) => (Id: i.ToString(CultureInfo.InvariantCulture), Message: message)).ToList();
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var sentTrees = 0;
        var sentMessages = 0;
        for (var attempt = 1; pending.Count > 0 && attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1) await Task.Delay(RetryDelay * (attempt - 1), time, cancellationToken).ConfigureAwait(false);
            QueueBatchResult response;
            try
            {
                response = await send(queueUrl, pending.Select(p => new QueueMessage(p.Id, p.Message.Body)).ToList(), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (AwsServiceException error)
            {
                foreach (var entry in pending) reasons[entry.Id] = $"{error.Code}: {error.ServiceMessage}";
                continue;
            }

            var retry = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in pending.Where(p => response.Successful.Contains(p.Id)))
            {
                sentTrees += entry.Message.Trees.Count;
                sentMessages++;
            }
            foreach (var entry in response.Failed)
            {
                reasons[entry.Id] = $"{entry.Code}: {entry.Message}";
                // A sender's fault (a malformed entry) fails the same way every time.
                if (!entry.SenderFault) retry.Add(entry.Id);
                else failed.AddRange(pending.Single(p => p.Id == entry.Id).Message.Trees
                    .Select(tree => new DriftScheduleFailure(tree, reasons[entry.Id])));
            }
            var answered = response.Successful.Concat(response.Failed.Select(f => f.Id)).ToHashSet(StringComparer.Ordinal);
            foreach (var entry in pending.Where(p => !answered.Contains(p.Id)))
            {
                reasons[entry.Id] = "SQS answered neither success nor failure for this entry";
                retry.Add(entry.Id);
            }
            pending = pending.Where(p => retry.Contains(p.Id)).ToList();
        }
        failed.AddRange(pending.SelectMany(p => p.Message.Trees
            .Select(tree => new DriftScheduleFailure(tree, $"{reasons[p.Id]} (after {MaxAttempts} attempts)"))));
        return (sentTrees, sentMessages);
    }
}
