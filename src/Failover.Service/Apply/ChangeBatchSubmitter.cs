using Failover.Core.Route53;
using Failover.Service.Ports;
using Failover.Service.Ports.Route53;

namespace Failover.Service.Apply;

/// <summary>
/// Sends one change batch and finds out what became of it when Route 53's answer is lost. A 5xx, a timeout or a cut
/// connection after a ChangeResourceRecordSets may come after Route 53 applied the batch, and resending a CREATE that
/// landed is refused ("already exists") while resending a DELETE that landed is refused ("not found"). Route 53
/// applies a batch atomically ("ChangeResourceRecordSets": all of the changes or none), so reading the batch's names
/// tells which: the whole outcome present means it landed, and anything else means none of it did and it is safe to
/// send again.
/// </summary>
public sealed class ChangeBatchSubmitter(IRoute53 route53)
{
    /// <summary>How many times a batch is sent before the unknown outcome is left to the caller (the step's retry).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The change Route 53 accepted, or null when the batch landed but its answer (and so its change id) was lost.</summary>
    public async Task<ChangeInfo?> SubmitAsync(string hostedZoneId, ChangeBatch batch, CancellationToken cancellationToken = default)
    {
        // UPSERTs alone can be resent blindly: repeating one leaves the zone as one send would.
        var upsertsOnly = batch.Changes.All(c => c.Action == ChangeAction.Upsert);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await route53.ChangeResourceRecordSetsAsync(hostedZoneId, batch, upsertsOnly, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (OutcomeUnknownException) when (attempt < MaxAttempts)
            {
                var names = batch.Changes.Select(c => c.RecordSet.Name).Distinct(StringComparer.Ordinal);
                var records = await route53.ListResourceRecordSetsAtNamesAsync(hostedZoneId, names, cancellationToken: cancellationToken)
                    .ConfigureAwait(false);
                if (HasLanded(batch, records)) return null;
            }
        }
    }

    /// <summary>True when the zone holds the batch's whole outcome: every written record as written, every deleted one gone.</summary>
    public static bool HasLanded(ChangeBatch batch, IEnumerable<ResourceRecordSet> records)
    {
        var zone = new Dictionary<RecordKey, ResourceRecordSet>();
        foreach (var record in records) zone[record.Key] = record;
        // The records read back are of the one zone the batch changes, and carry no zone: nor do the batch's, compared here.
        var outcome = new Dictionary<RecordKey, ResourceRecordSet?>();
        foreach (var change in batch.Changes)
        {
            var written = change.RecordSet.Zone is null ? change.RecordSet : change.RecordSet with { Zone = null };
            outcome[written.Key] = change.Action == ChangeAction.Delete ? null : written;
        }
        return outcome.All(o => zone.TryGetValue(o.Key, out var current)
            ? o.Value is not null && current.SameAs(o.Value)
            : o.Value is null);
    }
}
