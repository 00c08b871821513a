namespace Failover.Service.Ports.Route53;

/// <summary>A version of a Traffic Flow policy (API reference, TrafficPolicy): its JSON document and the record type it makes.</summary>
public sealed record TrafficPolicy(string Id, int Version, string Name, string Type, string Document, string? Comment);

/// <summary>
/// A policy record (API reference, TrafficPolicyInstance): where a policy version answers — a name in a hosted zone, with the
/// TTL Route 53 gives the records it makes. <see cref="Name"/> has no trailing dot; <see cref="HostedZoneId"/> is bare.
/// </summary>
public sealed record TrafficPolicyInstance(
    string Id, string HostedZoneId, string Name, long Ttl, string State, string? Message, string TrafficPolicyId,
    int TrafficPolicyVersion, string TrafficPolicyType);

/// <summary>The Traffic Flow reads an import needs.</summary>
public interface ITrafficPolicies
{
    Task<TrafficPolicy> GetTrafficPolicyAsync(string id, int version, CancellationToken cancellationToken = default);

    /// <summary>Every policy record of the policy version, all pages read.</summary>
    Task<IReadOnlyList<TrafficPolicyInstance>> ListTrafficPolicyInstancesByPolicyAsync(string id, int version,
        CancellationToken cancellationToken = default);
}
