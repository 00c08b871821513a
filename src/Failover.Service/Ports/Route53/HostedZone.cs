namespace Failover.Service.Ports.Route53;

/// <summary>A hosted zone; <see cref="Id"/> is bare (no <c>/hostedzone/</c> prefix), <see cref="Name"/> has no trailing dot.</summary>
public sealed record HostedZone(string Id, string Name, string CallerReference, string? Comment, bool PrivateZone, long? RecordCount)
{
    /// <summary>
    /// The VPCs a private zone answers in (GetHostedZone's <c>VPCs</c>, CreateHostedZone's <c>VPC</c>); empty for a public zone
    /// and in listings, which do not carry them.
    /// </summary>
    public IReadOnlyList<ZoneVpc> Vpcs { get; init; } = [];
}

/// <summary>A VPC associated with a private hosted zone (API reference, VPC: <c>VPCRegion</c>, <c>VPCId</c>).</summary>
public sealed record ZoneVpc(string Region, string Id);

/// <summary>One page of ListHostedZonesByName; the next page starts at (<see cref="NextDnsName"/>, <see
/// cref="NextHostedZoneId"/>).</summary>
public sealed record HostedZonePage(IReadOnlyList<HostedZone> HostedZones, string? NextDnsName, string? NextHostedZoneId)
{
    public bool IsTruncated => NextDnsName is not null;
}

/// <summary>What CreateHostedZone returns: the zone, its creation change and the name servers Route 53 delegated to it.</summary>
public sealed record CreatedHostedZone(HostedZone HostedZone, ChangeInfo Change, IReadOnlyList<string> NameServers);
