using Failover.Core.Route53;

namespace Failover.Service.Ports.Route53;

/// <summary>Route 53's record sets and the changes to them: what the planner reads and the appliers write.</summary>
public interface IRecordSets
{
    /// <summary>
    /// Submits one atomic batch. <paramref name="retryWhenResponseLost"/> lets the client resend after an answer it
    /// did not get; only callers that can tell a landed batch from a refused one should ask for it.
    /// </summary>
    Task<ChangeInfo> ChangeResourceRecordSetsAsync(
        string hostedZoneId, ChangeBatch batch, bool retryWhenResponseLost = false, CancellationToken cancellationToken = default);

    Task<ChangeInfo> GetChangeAsync(string changeId, CancellationToken cancellationToken = default);

    Task<RecordSetPage> ListResourceRecordSetsAsync(
        string hostedZoneId, RecordSetPosition? start = null, int? maxItems = null, CancellationToken cancellationToken = default);

    IAsyncEnumerable<ResourceRecordSet> ListAllResourceRecordSetsAsync(
        string hostedZoneId, int? pageSize = null, CancellationToken cancellationToken = default);

    /// <summary>Every record set at the given names (and nothing else), in as few pages as the names allow.</summary>
    Task<IReadOnlyList<ResourceRecordSet>> ListResourceRecordSetsAtNamesAsync(
        string hostedZoneId, IEnumerable<string> names, int pageSize = 300, CancellationToken cancellationToken = default);

    Task<HostedZone> GetHostedZoneAsync(string hostedZoneId, CancellationToken cancellationToken = default);
}
