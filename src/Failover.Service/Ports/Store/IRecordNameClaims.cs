using Failover.Core.Route53;
using Failover.Service.Progress;

namespace Failover.Service.Ports.Store;

/// <summary>Which tree answers for a record name and type in a zone: one tree per name, claimed before its first run.</summary>
public interface IRecordNameClaims
{
    Task<bool> ClaimRecordNameAsync(string hostedZoneId, string recordName, string recordType, string tree,
        CancellationToken cancellationToken = default);

    Task<bool> ReleaseRecordNameAsync(string hostedZoneId, string recordName, string recordType, string tree,
        CancellationToken cancellationToken = default);

    Task<string?> GetRecordNameOwnerAsync(string hostedZoneId, string recordName, string recordType,
        CancellationToken cancellationToken = default);
}
