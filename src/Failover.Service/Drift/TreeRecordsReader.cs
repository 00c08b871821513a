using Failover.Core.Spec;
using Failover.Service.Ports.Route53;
using Failover.Core.Route53;

namespace Failover.Service.Drift;

/// <summary>
/// Every record set at a tree's record name and under it, in one paged ListResourceRecordSets pass. The tree's helper
/// names (<c>_node.record</c>) are all under the record name, and the listing orders names with their labels reversed,
/// so the whole tree — including helper names the current version no longer uses, which a list of expected names
/// would miss — is one stretch of the zone: the pass starts at the record name and stops at the first name past it.
/// </summary>
internal static class TreeRecordsReader
{
    /// <returns>The record sets, and how many pages were read.</returns>
    public static async Task<(List<ResourceRecordSet> Records, int Pages)> ReadAsync(
        IRoute53 route53, string hostedZoneId, string recordName, int pageSize, CancellationToken cancellationToken)
    {
        var records = new List<ResourceRecordSet>();
        var pages = 0;
        RecordSetPosition? position = new(recordName);
        while (position is not null)
        {
            var page = await route53.ListResourceRecordSetsAsync(hostedZoneId, position, pageSize, cancellationToken).ConfigureAwait(false);
            pages++;
            var past = false;
            foreach (var record in page.RecordSets)
            {
                if (IsAtOrUnder(record.Name, recordName)) records.Add(record);
                else if (IsPast(record.Name, recordName)) past = true;
            }
            position = past ? null : page.Next;
        }
        return (records, pages);
    }

    public static bool IsAtOrUnder(string name, string recordName) =>
        name == recordName || name.EndsWith("." + recordName, StringComparison.Ordinal);

    /// <summary>
    /// Whether no name of the tree can follow <paramref name="name"/> in the listing. Route 53 orders names with a
    /// trailing dot, emulators without one; in the latter a sibling such as <c>www-a</c> sorts between <c>www</c> and
    /// <c>_x.www</c>, so the pass stops only at a name beyond the tree's stretch in both orders.
    /// </summary>
    public static bool IsPast(string name, string recordName)
    {
        var stretch = DnsNames.ListingKey(recordName);
        foreach (var trailingDot in new[] { true, false })
        {
            var key = DnsNames.ListingKey(name, trailingDot);
            if (string.CompareOrdinal(key, stretch) <= 0 || key.StartsWith(stretch, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
