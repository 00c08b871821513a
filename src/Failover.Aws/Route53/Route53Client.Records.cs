using Failover.Core.Spec;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
using System.Globalization;
using System.Runtime.CompilerServices;
using Failover.Core.Route53;

namespace Failover.Aws.Route53;

public sealed partial class Route53Client
{
    /// <summary>
    /// Submits one atomic change batch. A batch is not sent again when its answer is lost (dropped connection,
    /// timeout): if Route 53 applied it, a repeat fails — a CREATE of a record that now exists, a DELETE of one that is
    /// gone — or silently applies an UPSERT twice, and the caller could not tell which. The applier re-reads the zone
    /// and re-plans instead. Pass <paramref name="retryWhenResponseLost"/> for batches whose repeat is harmless (UPSERT
    /// only). Batches that never reached Route 53, throttling and PriorRequestNotComplete are always retried.
    /// </summary>
    public async Task<ChangeInfo> ChangeResourceRecordSetsAsync(
        string hostedZoneId, ChangeBatch batch, bool retryWhenResponseLost = false, CancellationToken cancellationToken = default)
    {
        if (batch.Changes.Count == 0)
            throw new ArgumentException("A change batch needs at least one change.", nameof(batch));
        var body = Route53Xml.Document("ChangeResourceRecordSetsRequest", w =>
        {
            w.Start("ChangeBatch");
            w.Element("Comment", batch.Comment);
            w.Start("Changes");
            foreach (var change in batch.Changes) RecordSetXml.WriteChange(w, change);
            w.WriteEndElement();
            w.WriteEndElement();
        });
        var request =
            Post("ChangeResourceRecordSets", $"/hostedzone/{Route53Ids.Escape(hostedZoneId)}/rrset/", body, retryWhenResponseLost);
        var root = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return RecordSetXml.ReadChangeInfo(Required(root, "ChangeInfo"));
    }

    /// <summary>Where a change stands: PENDING until every Route 53 name server has it, then INSYNC.</summary>
    public async Task<ChangeInfo> GetChangeAsync(string changeId, CancellationToken cancellationToken = default)
    {
        var root = await SendAsync(Get("GetChange", $"/change/{Route53Ids.Escape(changeId)}"), cancellationToken).ConfigureAwait(false);
        return RecordSetXml.ReadChangeInfo(Required(root, "ChangeInfo"));
    }

    /// <summary>
    /// Polls GetChange until the change is INSYNC (normally within 60 s). Waiting goes through the client's clock, and
    /// every poll through the rate limiter. Throws <see cref="TimeoutException"/> naming the change when it is still
    /// PENDING after <paramref name="timeout"/> (default 5 minutes).
    /// </summary>
    public async Task<ChangeInfo> WaitForChangeAsync(
        string changeId, TimeSpan? pollInterval = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var interval = pollInterval ?? TimeSpan.FromSeconds(5);
        var time = _transport.Time;
        var deadline = time.GetUtcNow() + (timeout ?? TimeSpan.FromMinutes(5));
        while (true)
        {
            var change = await GetChangeAsync(changeId, cancellationToken).ConfigureAwait(false);
            if (change.IsInSync) return change;
            if (time.GetUtcNow() + interval > deadline)
                throw new TimeoutException($"Route 53 change {change.Id} is still {change.Status} after " +
                    $"{timeout ?? TimeSpan.FromMinutes(5)}.");
            await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One page of record sets, starting at <paramref name="start"/> in Route 53's order (names compared with their
    /// labels reversed, then type). Route 53 returns up to 300 per page.
    /// </summary>
    public async Task<RecordSetPage> ListResourceRecordSetsAsync(
        string hostedZoneId, RecordSetPosition? start = null, int? maxItems = null, CancellationToken cancellationToken = default)
    {
        var query = Query(
            ("name", start is null ? null : DnsNames.ToWire(start.Name)),
            ("type", start?.Type),
            ("identifier", start?.Identifier),
            ("maxitems", maxItems?.ToString(CultureInfo.InvariantCulture)));
        var root =
            await SendAsync(Get("ListResourceRecordSets", $"/hostedzone/{Route53Ids.Escape(hostedZoneId)}/rrset{query}"), cancellationToken)
            .ConfigureAwait(false);
        var records = root.Nodes("ResourceRecordSets", "ResourceRecordSet").Select(RecordSetXml.ReadRecordSet).ToList();
        var truncated = root.Bool("IsTruncated") ?? false;
        var next = truncated && root.Child("NextRecordName") is { } nextName
            ? new RecordSetPosition(DnsNames.FromWire(nextName), root.Child("NextRecordType"), root.Child("NextRecordIdentifier"))
            : null;
        if (next is not null && next == start)
            throw new FormatException($"Route 53 answered ListResourceRecordSets with the position it was given ({next}); stopping " +
                $"instead of looping.");
        return new RecordSetPage(records, next);
    }

    /// <summary>Every record set of the zone, page by page.</summary>
    public async IAsyncEnumerable<ResourceRecordSet> ListAllResourceRecordSetsAsync(
        string hostedZoneId, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RecordSetPosition? position = null;
        do
        {
            var page = await ListResourceRecordSetsAsync(hostedZoneId, position, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var record in page.RecordSets) yield return record;
            position = page.Next;
        } while (position is not null);
    }

    /// <summary>
    /// Every record set at the given names, reading only the stretches of the zone where they are (see
    /// <see cref="RecordSetsAtNames"/>): what the planner needs of a big zone for one tree.
    /// </summary>
    public Task<IReadOnlyList<ResourceRecordSet>> ListResourceRecordSetsAtNamesAsync(
        string hostedZoneId, IEnumerable<string> names, int pageSize = 300, CancellationToken cancellationToken = default) =>
        new RecordSetsAtNames(this, hostedZoneId, pageSize).ReadAsync(names, cancellationToken);
}
