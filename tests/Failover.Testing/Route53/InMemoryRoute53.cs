using System.Net;
using Failover.Core.Route53;
using Failover.Core.Spec;
using Failover.Service.Ports;
using Failover.Service.Ports.Route53;

namespace Failover.Testing.Route53;

/// <summary>
/// Route 53 held in memory: the service's <see cref="IRoute53"/> port for its unit tests. Hosted zones apply change
/// batches through <see cref="InMemoryRecordSets"/> (atomic, CREATE/DELETE/UPSERT as Route 53 has them, one routing
/// policy per name and type); health checks keep Route 53's CallerReference rules; listings page in Route 53's order.
/// Route53ContractTests run the same scenarios against this and against moto. What it does not model it accepts.
/// </summary>
public sealed partial class InMemoryRoute53(TimeProvider? time = null) : IRoute53
{
    /// <summary>ListResourceRecordSets returns up to 300 record sets per page (API reference, ListResourceRecordSets).</summary>
    public const int MaxRecordSetPage = 300;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, (HostedZone Zone, InMemoryRecordSets Records)> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChangeInfo> _changes = new(StringComparer.Ordinal);
    private readonly List<AcceptedChange> _accepted = [];
    private readonly List<PlannedFault> _faults = [];
    private int _nextId;
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);

    /// <summary>Requests served (or failed by a planned fault) since the last <see cref="ResetRequests"/>, by operation.</summary>
    public IReadOnlyDictionary<string, int> Requests
    {
        get { lock (_gate) return new Dictionary<string, int>(_requests, StringComparer.Ordinal); }
    }

    public int RequestCount
    {
        get { lock (_gate) return _requests.Values.Sum(); }
    }

    public void ResetRequests()
    {
        lock (_gate) _requests.Clear();
    }

    /// <summary>
    /// How long a change stays PENDING before GetChange reports it INSYNC, on the injected clock (Route 53: "normally
    /// within 60 seconds", API reference GetChange). Zero: at once.
    /// </summary>
    public TimeSpan Propagation { get; set; } = TimeSpan.Zero;

    /// <summary>Runs at the start of every request with its operation name (e.g. <c>ListResourceRecordSets</c>), before it is
    /// served: for tests that make something happen at an exact point of a step.</summary>
    public Func<string, Task>? BeforeRequest { get; set; }

    /// <summary>Every batch Route 53 accepted, in order (what CloudTrail would show).</summary>
    public IReadOnlyList<AcceptedChange> AcceptedChanges
    {
        get { lock (_gate) return [.. _accepted]; }
    }

    public HostedZone AddZone(string name)
    {
        lock (_gate)
        {
            var id = $"Z{++_nextId:D20}";
            var zone = new HostedZone(id, DnsNames.Normalize(name), Guid.NewGuid().ToString(), null, false, 2);
            var records = new InMemoryRecordSets(id);
            // A new zone holds its NS and SOA records (Developer Guide, "NS and SOA records that Amazon Route 53
            // creates for a public hosted zone").
            records.Apply(new ChangeBatch(
            [
                new RecordChange(ChangeAction.Create, new ResourceRecordSet
                {
                    Name = zone.Name, Type = "NS", Ttl = 172800,
                    ResourceRecords = ["ns-1.awsdns-01.org.", "ns-2.awsdns-02.co.uk.", "ns-3.awsdns-03.com.", "ns-4.awsdns-04.net."],
                }),
                new RecordChange(ChangeAction.Create, new ResourceRecordSet
                {
                    Name = zone.Name, Type = "SOA", Ttl = 900,
                    ResourceRecords = ["ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400"],
                }),
            ]));
            _zones[id] = (zone, records);
            return zone;
        }
    }

    /// <summary>Every record set of the zone, in listing order.</summary>
    public IReadOnlyList<ResourceRecordSet> RecordsOf(string hostedZoneId)
    {
        lock (_gate) return Ordered(Zone(hostedZoneId).Records.Records);
    }

    /// <summary>
    /// Makes the next request of <paramref name="operation"/> fail with <paramref name="error"/>, after it was applied
    /// when <paramref name="applied"/> (a lost answer, a crash after the call) or before it was.
    /// </summary>
    public void FailNext(string operation, Exception error, bool applied)
    {
        lock (_gate) _faults.Add(new PlannedFault(operation, error, applied));
    }

    /// <summary>An answer lost after the request was sent, as the wire client reports it.</summary>
    public static OutcomeUnknownException LostAnswer(string operation) =>
        new(operation, "the connection was cut after the request was sent", HttpStatusCode.InternalServerError, null, null);

    public async Task<ChangeInfo> ChangeResourceRecordSetsAsync(
        string hostedZoneId, ChangeBatch batch, bool retryWhenResponseLost = false, CancellationToken cancellationToken = default)
    {
        return await ServeAsync("ChangeResourceRecordSets", () =>
        {
            var (_, records) = Zone(hostedZoneId);
            // ChangeResourceRecordSets answers NoSuchHealthCheck for a record naming a check that does not exist (API
            // reference, ChangeResourceRecordSets, Errors).
            var missing = batch.Changes.Where(c => c.Action != ChangeAction.Delete)
                .Select(c => c.RecordSet.HealthCheckId).OfType<string>().FirstOrDefault(id => !_checks.ContainsKey(id));
            if (missing is not null)
                throw new NoSuchHealthCheckException($"No health check exists with the specified ID {missing}", HttpStatusCode.NotFound,
                    RequestId());
            try
            {
                // The zone a record set is in is the request's: the wire carries no zone in a record set, so neither
                // does what the fake keeps (the core's keys name a zone only to tell a tree's zones apart).
                records.Apply(batch with
                {
                    Changes = batch.Changes.Select(c => c with { RecordSet = c.RecordSet with { Zone = null } }).ToList(),
                });
            }
            catch (ChangeBatchRefusedException refused)
            {
                throw new InvalidChangeBatchException(refused.Message, refused.Messages, HttpStatusCode.BadRequest, RequestId());
            }
            var change = new ChangeInfo($"C{++_nextId:D12}", "PENDING", _time.GetUtcNow(), batch.Comment);
            _changes[change.Id] = change;
            _accepted.Add(new AcceptedChange(hostedZoneId, batch, change.Id));
            return change;
        }, cancellationToken);
    }

    public Task<ChangeInfo> GetChangeAsync(string changeId, CancellationToken cancellationToken = default) =>
        ServeAsync("GetChange", () =>
        {
            var change = _changes.GetValueOrDefault(changeId)
                ?? throw new Route53Exception("NoSuchChange", $"A change with the specified change ID {changeId} does not exist",
                    HttpStatusCode.NotFound, RequestId());
            return _time.GetUtcNow() - change.SubmittedAt >= Propagation ? change with { Status = "INSYNC" } : change;
        }, cancellationToken);

    public Task<RecordSetPage> ListResourceRecordSetsAsync(
        string hostedZoneId, RecordSetPosition? start = null, int? maxItems = null, CancellationToken cancellationToken = default) =>
        ServeAsync("ListResourceRecordSets", () =>
        {
            if (start is { Type: not null, Name: null or "" })
                throw new InvalidInputException("StartRecordType requires StartRecordName", HttpStatusCode.BadRequest, RequestId());
            var all = Ordered(Zone(hostedZoneId).Records.Records);
            var from = start is null ? 0 : all.TakeWhile(r => Compare(r, start) < 0).Count();
            // "If you specify a value greater than 300 for maxitems, Route 53 returns only the first 300" (API reference).
            var size = Math.Min(maxItems ?? MaxRecordSetPage, MaxRecordSetPage);
            var page = all.Skip(from).Take(size).ToList();
            if (from + page.Count >= all.Count) return new RecordSetPage(page, null);
            var next = all[from + page.Count];
            // NextRecordIdentifier only when the page was cut between records of one name and type (API reference).
            var sameSet = page.Count > 0 && page[^1].Name == next.Name && page[^1].Type == next.Type;
            return new RecordSetPage(page, new RecordSetPosition(next.Name, next.Type, sameSet ? next.SetIdentifier : null));
        }, cancellationToken);

    public async IAsyncEnumerable<ResourceRecordSet> ListAllResourceRecordSetsAsync(
        string hostedZoneId, int? pageSize = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        RecordSetPosition? position = null;
        do
        {
            var page = await ListResourceRecordSetsAsync(hostedZoneId, position, pageSize, cancellationToken);
            foreach (var record in page.RecordSets) yield return record;
            position = page.Next;
        } while (position is not null);
    }

    public async Task<IReadOnlyList<ResourceRecordSet>> ListResourceRecordSetsAtNamesAsync(
        string hostedZoneId, IEnumerable<string> names, int pageSize = 300, CancellationToken cancellationToken = default)
    {
        var wanted = names.Select(DnsNames.FromWire).ToHashSet(StringComparer.Ordinal);
        var found = new List<ResourceRecordSet>();
        await foreach (var record in ListAllResourceRecordSetsAsync(hostedZoneId, pageSize, cancellationToken))
            if (wanted.Contains(record.Name)) found.Add(record);
        return found;
    }

    public Task<HostedZone> GetHostedZoneAsync(string hostedZoneId, CancellationToken cancellationToken = default) =>
        ServeAsync("GetHostedZone", () =>
        {
            var (zone, records) = Zone(hostedZoneId);
            return zone with { RecordCount = records.Records.Count };
        }, cancellationToken);

    private (HostedZone Zone, InMemoryRecordSets Records) Zone(string hostedZoneId) =>
        _zones.TryGetValue(hostedZoneId, out var zone) ? zone
            : throw new NoSuchHostedZoneException($"No hosted zone found with ID: {hostedZoneId}", HttpStatusCode.NotFound, RequestId());

    /// <summary>ListResourceRecordSets order: names with their labels reversed and a trailing dot, in ASCII, then type
    /// (API reference, ListResourceRecordSets, "Sort order"); set identifiers in ASCII within a name and type.</summary>
    private static List<ResourceRecordSet> Ordered(IEnumerable<ResourceRecordSet> records) =>
        [.. records.OrderBy(r => DnsNames.ListingKey(r.Name), StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal)
            .ThenBy(r => r.SetIdentifier, StringComparer.Ordinal)];

    private static int Compare(ResourceRecordSet record, RecordSetPosition start)
    {
        var byName = string.CompareOrdinal(DnsNames.ListingKey(record.Name), DnsNames.ListingKey(start.Name));
        if (byName != 0 || start.Type is null) return byName;
        var byType = string.CompareOrdinal(record.Type, start.Type);
        return byType != 0 || start.Identifier is null ? byType : string.CompareOrdinal(record.SetIdentifier, start.Identifier);
    }

    private string RequestId() => $"fake-{Guid.NewGuid():N}";

    /// <summary>Serves one request under the lock, with the test's hook first and any planned fault around it.</summary>
    private async Task<T> ServeAsync<T>(string operation, Func<T> serve, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (BeforeRequest is { } hook) await hook(operation);
        lock (_gate)
        {
            _requests[operation] = _requests.GetValueOrDefault(operation) + 1;
            var fault = _faults.FirstOrDefault(f => f.Operation == operation);
            if (fault is null) return serve();
            _faults.Remove(fault);
            if (fault.Applied) serve();
            throw fault.Error;
        }
    }

    private sealed record PlannedFault(string Operation, Exception Error, bool Applied);
}

/// <summary>A change batch Route 53 accepted into a zone, with the id of its change.</summary>
public sealed record AcceptedChange(string HostedZoneId, ChangeBatch Batch, string ChangeId);
