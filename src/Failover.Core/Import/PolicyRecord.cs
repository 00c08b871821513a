namespace Failover.Core.Import;

/// <summary>
/// One policy record of the policy version being imported (Route 53's TrafficPolicyInstance): the name it answered for, the
/// hosted zone and that zone's apex, and the TTL Route 53 gave the records it made.
/// </summary>
public sealed record PolicyRecord(string HostedZoneId, string ZoneName, string RecordName, long Ttl);
