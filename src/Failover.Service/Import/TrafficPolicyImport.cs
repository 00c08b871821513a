using Failover.Core.Import;
using Failover.Service.Ports.Route53;

namespace Failover.Service.Import;

/// <summary>
/// Reads a traffic policy version and its policy records from Route 53 (GetTrafficPolicy, ListTrafficPolicyInstancesByPolicy,
/// and GetHostedZone once per zone for its apex) and imports them as one tree (<see cref="PolicyRecordImport"/>). Reads only.
/// </summary>
public sealed class TrafficPolicyImport(ITrafficPolicies policies, IRecordSets zones)
{
    public async Task<ImportResult> ImportAsync(string policyId, int version, string treeName, CancellationToken cancellationToken)
    {
        var policy = await policies.GetTrafficPolicyAsync(policyId, version, cancellationToken).ConfigureAwait(false);
        var instances = await policies.ListTrafficPolicyInstancesByPolicyAsync(policyId, version, cancellationToken)
            .ConfigureAwait(false);
        var zoneNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var zoneId in instances.Select(i => i.HostedZoneId).Distinct(StringComparer.Ordinal))
            zoneNames[zoneId] = (await zones.GetHostedZoneAsync(zoneId, cancellationToken).ConfigureAwait(false)).Name;
        var records = instances.Select(i => new PolicyRecord(i.HostedZoneId, zoneNames[i.HostedZoneId], i.Name, i.Ttl)).ToList();
        return PolicyRecordImport.Import(policy.Document, treeName, records);
    }
}
