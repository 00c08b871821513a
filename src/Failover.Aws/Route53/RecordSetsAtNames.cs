using Failover.Core.Spec;
using Failover.Service.Ports.Route53;
using Failover.Service.Ports;
using Failover.Core.Route53;

namespace Failover.Aws.Route53;

/// <summary>
/// Reads every record set at a set of names without listing the whole zone. ListResourceRecordSets returns records
/// in order of their names with the labels reversed (<c>com.example.www.</c>), so a tree's names — siblings under
/// one parent — sit close together: one listing started at the first name usually holds the others too. A name is
/// listed on its own only when the stretch already read cannot tell whether it has records.
/// </summary>
internal sealed class RecordSetsAtNames(Route53Client client, string hostedZoneId, int pageSize)
{
    private string? _runStart;
    private readonly List<ResourceRecordSet> _run = [];
    private RecordSetPosition? _next;

    public async Task<IReadOnlyList<ResourceRecordSet>> ReadAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var targets = names.Select(DnsNames.FromWire).Distinct()
            .OrderBy(n => DnsNames.ListingKey(n), StringComparer.Ordinal).ToList();
        var found = new List<ResourceRecordSet>();
        foreach (var target in targets)
        {
            while (true)
            {
                if (_runStart is not null)
                {
                    var first = _run.FindIndex(r => r.Name == target);
                    if (first >= 0)
                    {
                        var last = _run.FindLastIndex(r => r.Name == target);
                        if (last == _run.Count - 1 && _next is not null)
                        {
                            await ReadPageAsync(_next, cancellationToken).ConfigureAwait(false);
                            continue;
                        }
                        found.AddRange(_run.GetRange(first, last - first + 1));
                        break;
                    }
                    if (Covers(target)) break;
                }
                _runStart = target;
                _run.Clear();
                await ReadPageAsync(new RecordSetPosition(target), cancellationToken).ConfigureAwait(false);
            }
        }
        return found;
    }

    private async Task ReadPageAsync(RecordSetPosition start, CancellationToken cancellationToken)
    {
        var page = await client.ListResourceRecordSetsAsync(hostedZoneId, start, pageSize, cancellationToken).ConfigureAwait(false);
        _run.AddRange(page.RecordSets);
        _next = page.Next;
    }

    /// <summary>
    /// Whether the stretch read so far would hold the target's records if it had any. A run started at the target
    /// always does: the listing begins where the target's records would be. Otherwise the target must lie between
    /// the run's start and its last record (or the run reached the zone's end) in the documented order — and in the
    /// order without the trailing dot, which emulators use; the two differ for names with characters below '.'.
    /// </summary>
    private bool Covers(string target)
    {
        if (_runStart == target) return true;
        foreach (var trailingDot in new[] { true, false })
        {
            var key = DnsNames.ListingKey(target, trailingDot);
            if (string.CompareOrdinal(DnsNames.ListingKey(_runStart!, trailingDot), key) > 0) return false;
            if (_next is not null && (_run.Count == 0 || string.CompareOrdinal(key, DnsNames.ListingKey(_run[^1].Name, trailingDot)) > 0))
                return false;
        }
        return true;
    }
}
